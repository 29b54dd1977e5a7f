"""What money an economic amount of the prose covers: the expense part and the fund its words name.

``2020年机关运行经费安排8.3万元，其中邮电费2.4万元`` gives 30207 邮电费 as a part of the 机关运行经费; under
``六、一般公共预算财政拨款基本支出决算情况说明`` a ``差旅费9.94万元`` is basic spending of the general public
budget; ``2020年预算安排会议费0万元`` names nothing, so it is the whole budget of 会议费. The checks that
compare such an amount with the tables (dbt's XSEC-PROSE-ECONOMIC) need that scope; it is read here, from
the words of ``ingestion.vocabulary`` (``measures.PROSE_SCOPE_WORDS`` and ``LISTED_PART``, the
``sentence`` rows of ``fund_sources``), and stored as ``prose_expense_scope`` / ``prose_fund_source``.
"""

from __future__ import annotations

from ingestion.vocabulary.fund_sources import sentence_fund
from ingestion.vocabulary.measures import LISTED_PART, PROSE_SCOPE_WORDS


def scope_of(title: str | None, section_fund: str, sentence: str, printed: str) -> tuple[str, str]:
    """``(prose_expense_scope, prose_fund_source)`` of the amount ``printed`` in ``sentence``."""
    return expense_scope(title, sentence, printed), fund_source(section_fund, sentence)


def expense_scope(title: str | None, sentence: str, printed: str = "") -> str:
    """The expense part the sentence or its section title names (a ``measures.PROSE_SCOPES`` key).

    机关运行经费 wins (its parts are economic subjects of the basic spending); 基本支出 with 项目支出 is
    ``mixed``; naming no part, an amount the sentence lists under a figure (其中, 主要包括 … before the
    amount ``printed``) is ``listed``, a part of something unknown, and any other is ``total``. Listing
    words after the amount explain it (``会议费预算支出1305.25万元,…原因是…调减403.75万元用于培训费开支``):
    they do not make the amount a part of anything. When the sentence prints the same amount twice, the
    words before its last copy count: a listed amount is never taken for a whole.
    """
    text = f"{title or ''} {sentence}"
    named = {key for word, key in PROSE_SCOPE_WORDS.items() if word in text}
    if "office_operation" in named:
        return "office_operation"
    if {"basic", "project"} <= named:
        return "mixed"
    if named:
        return named.pop()
    at = sentence.rfind(printed) if printed else -1
    return "listed" if LISTED_PART.search(sentence[: at if at >= 0 else None]) else "total"


def fund_source(section_fund: str, sentence: str) -> str:
    """The fund the section names (the line's ``fund_source``), else the one the sentence names, else all."""
    if section_fund != "all":
        return section_fund
    return sentence_fund(sentence) or "all"
