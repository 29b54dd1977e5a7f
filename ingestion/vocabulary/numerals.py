"""Chinese numerals, list numbering, and the units printed after a number.

One class of Chinese numerals serves every heading and ordinal pattern (``四、``, ``（二）``, ``第三部分``).
Money units are the three a disclosure declares (``单位：万元``); count units are the words after a
number that make it a count, a date or a size rather than money (``18人``, ``3辆``, ``12月``).
"""

from __future__ import annotations

from decimal import Decimal

CN_DIGITS = "一二三四五六七八九十"
CN_NUMERAL = f"[{CN_DIGITS}]"
# ``一、``: a numbered part; ``（二）``/``(3)``: a numbered sub-part; ``第一部分``; ``1.``/``2、`` (not ``1.5``).
CN_PART = rf"{CN_NUMERAL}+、"
PART_HEADING = rf"(?:第{CN_NUMERAL}+部分|{CN_PART})"
ORDINAL = rf"(?:第{CN_NUMERAL}+部分:?|{CN_PART}|\(\s*[{CN_DIGITS}\d]+\s*\)|\d+[.、](?!\d))"
# The headings printed above a code list (the full-width bracket is matched as printed).
LIST_HEADING = rf"(?:{CN_PART}|（{CN_NUMERAL}+）|第{CN_NUMERAL}+部分)"

# Money units, longest first (``亿元`` before ``元``), and what one of each is in yuan.
UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
MONEY_UNIT = "亿元|万元|元"
SCALE_WORDS = "万亿"  # ``投入50万``: a scale without 元 still makes a number money-shaped

# Words after a number that make it a head count.
HEAD_COUNT_UNITS = ("人次", "人", "名")
# Words after a number that make it a count, a size or a duration (one table for the extractors'
# "not money" test and the coverage tool's ``count`` reason).
COUNT_UNITS = (
    *("平方", "平米", "小时", "批次", "个", "辆", "次", "批", "条", "台", "套", "份", "篇", "余", "多"),
    *("项", "件", "家", "户", "座", "间", "所", "处", "期", "天", "周", "岁", "年", "倍", "级", "张", "本", "场"),
)
DATE_UNITS = ("月", "日", "号", "时")
