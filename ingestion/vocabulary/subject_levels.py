"""The three levels of a functional subject path: 类 (3-digit code), 款 (5), 项 (7).

Disclosures mark a level after its name, with or without the code's own digits: ``公共安全支出（204类）
司法（06款）行政运行（01项）``. Economic subjects have only 类 and 款.
"""

from __future__ import annotations

LEVELS = ("类", "款", "项")
LEVEL_CHARS = "".join(LEVELS)
CODE_LENGTHS = {"类": 3, "款": 5, "项": 7}
# A level mark as printed in brackets (normalized to ASCII brackets): ``(类)``, ``(204类)``, ``(01项)``.
LEVEL_MARK = rf"\(\d*[{LEVEL_CHARS}]\)"
# A path wrapped over two lines: one line ends with a 类 or 款 mark (``…养老支出（款）``) and the next
# goes on with a deeper level (``行政单位离退休（项）。主要用于…``), or a name is cut before its mark
# (``…行政单位离退休`` / ``（项）。``). Both over normalized text.
PATH_OPEN_AT_END = r"\(\d*[类款]\)\s*$"
PATH_GOES_ON = r"^\s*[^\s\d()。，,:：；;、.]{0,30}?\(\d*[款项]\)"
MARK_GOES_ON = r"^\s*\(\d*[款项]\)"  # the next line opens with the mark of the name cut before it

# A subject code list printed as a prose line, ``2210201   住房公积金   79.53万元`` (optionally numbered):
# one table row. The table extractor reads these lines and the prose readers leave them alone.
CODE_LIST_LINE = (
    r"^(?:\d{1,2}[.、]\s*)?(?P<code>\d{3}(?:\d{2}){0,2})\s+(?P<name>[^\d\s][^\d]*?)\s+"
    r"(?P<amount>-?[\d,]+(?:\.\d+)?)\s*(?P<unit>万元|元)?$"
)
