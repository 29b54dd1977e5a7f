"""Wording a reviewer flags in the prose of a disclosure: template residue, truncated explanations,
figures printed without their unit or percent sign, and the words that make a year a comparison.

Each row names a *flag* of the ``sentence_flags`` staging frame; the extractor
(``ingestion.extract.wording``) only finds the words, dbt decides which finding a flag is.
"""

from __future__ import annotations

import re

# The flags of the sentence_flags frame (what ``ingestion.extract.wording`` looks for).
FLAGS = [
    "placeholder",
    "truncated_explanation",
    "year",
    "amount_without_unit",
    "rate_without_percent",
    "empty_statement",
    "subject_mention",
]

# Template residue: words a template leaves for the publisher to replace or choose between.
PLACEHOLDERS = (
    r"[XＸ]{2,}(?:局|委|办|部|单位|部门|年|万元|元|%)?",  # XX局, XX年
    r"[×✕╳]{2,}",
    r"增加\s*[（(]\s*减少\s*[）)]",
    r"减少\s*[（(]\s*增加\s*[）)]",
    r"上升\s*[（(]\s*下降\s*[）)]",
    r"增长\s*[（(]\s*下降\s*[）)]",
    r"增长\s*[（(]\s*减少\s*[）)]",
    r"增\s*[（(]\s*减\s*[）)]",
)
PLACEHOLDER = re.compile("|".join(PLACEHOLDERS))

# An explanation that stops before saying anything: ``主要原因是。`` / ``主要用于：。``.
TRUNCATED_EXPLANATIONS = (
    r"(?:主要)?原因(?:是|为|主要是|在于)?\s*[:：]?\s*[。；;]",
    r"主要(?:用于|包括|是)\s*[:：]?\s*[。；;]",
)
TRUNCATED_EXPLANATION = re.compile("|".join(TRUNCATED_EXPLANATIONS))

# Words that make a year a comparison, a period or a date rather than the year the document covers
# (``比2023年``, ``较上年``, ``2023年决算数``, ``2021-2025年``, ``2025年1月``).
YEAR_BEFORE_COMPARISON = r"(?:比|较|与|同|对比|相比|上年度?|截至|截止|自|从|至|到|-|—|~|～)\s*$"
YEAR_AFTER_NOT_FISCAL = (
    r"^\s*(?:\d{1,2}\s*月|年?末|年底|年初|以来|以前|前|后|起|至|到|-|—|~|～|版|修订"
    r"|年?度?(?:决算|预算执行)数|相比|同期)"
)
YEAR_IN_NAME = r"[《〈\"“][^》〉\"”]*$"  # inside a document title: 《…2021-2025年规划》

# A figure the words before it make money, and the clause ends without a unit.
AMOUNT_WORDS = (
    r"(?:收入|支出|经费|预算|决算|合计|总计|拨款|结转|结余|费用?|资金)(?:数|额|总额)?(?:为|是|达|共计|合计)?\s*$"
)
CHANGE_AMOUNT_WORDS = r"(?:增加|减少)(?:了)?\s*$"
# A figure the words before it make a rate.
RATE_WORDS = (
    r"(?:增长|下降|上升|降低|提高|增幅|降幅|占[^，,。；;]{0,20}?的?(?:比重|比例)?(?:为|达)?"
    r"|完成(?:年初)?预算(?:数)?的?|执行率为?)\s*$"
)
