"""What extractors emit: typed facts, each with the printed amount and where it was printed.

Extractors (tables, narrative sentences) return these dataclasses; ``ingestion.pipeline`` turns them
into the pandera-validated staging frames. Keeping the facts format-agnostic is what lets one
extractor serve PDF, DOCX, HTML and text alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ingestion.document import Locator


@dataclass(frozen=True)
class Evidence:
    """The printed amount, its unit, and the snippet/locator it came from."""

    reported_amount: str  # exactly as printed, e.g. "1,226.42" or "774.7万元"
    value: Decimal  # the printed number (no unit applied)
    reported_unit: str  # 元 / 万元 / 亿元, resolved for this cell or sentence
    locator: Locator
    source_text: str  # must contain reported_amount verbatim
    method: str  # "table" or "narrative"

    @property
    def amount_yuan(self) -> Decimal | None:
        from ingestion.amounts import to_yuan

        return to_yuan(self.value, self.reported_unit)


@dataclass(frozen=True)
class LineItemFact:
    evidence: Evidence
    functional_subject_code: str | None
    economic_subject_code: str | None
    subject_name: str | None
    expense_type: str = "total"  # total / basic / project / personnel / public
    fund_source: str = "all"
    amount_kind: str = "budget"  # budget / actual / prior_year
    code_source: str = "printed"  # printed / resolved
    table_title: str | None = None
    # An economic amount of the prose: the part of spending and the fund its words name
    # (ingestion.extract.narrative.scopes); None for every other line.
    prose_expense_scope: str | None = None
    prose_fund_source: str | None = None


@dataclass(frozen=True)
class IncomeFact:
    """One income amount by source (财政拨款收入, 事业收入 …), of one functional subject or (subject
    ``None``) of the whole document or of one of its 单位; ``parent_income_source`` is the source the table
    prints it as a part of (``total``, or 财政拨款收入 for 一般公共预算), ``None`` for a total or an "of which"
    line."""

    evidence: Evidence
    functional_subject_code: str | None
    subject_name: str | None
    income_source: str
    parent_income_source: str | None
    amount_kind: str = "budget"
    table_title: str | None = None
    # The 单位 a row of a table by unit states (its printed code and name); None for the department's own
    # amounts (its 合计 row, or the one row of a table that lists only the department).
    unit_code: str | None = None
    unit_name: str | None = None


@dataclass(frozen=True)
class TotalFact:
    evidence: Evidence
    measure: str  # see ingestion.schemas.MEASURES
    amount_kind: str = "budget"
    fund_source: str = "all"


@dataclass(frozen=True)
class ThreePublicFact:
    evidence: Evidence
    category: str  # see ingestion.schemas.THREE_PUBLIC_CATEGORIES
    amount_kind: str = "budget"


@dataclass(frozen=True)
class ProcurementLineFact:
    """One line of a 政府采购 item table under its kind (goods / works / services): a 专项 × 经济科目 row
    (``line_level`` project, the sum of the items under it) or one 采购物品 with its 采购组织形式 (item).
    Names are as printed; a name printed once over several rows (a merged cell) is carried down."""

    evidence: Evidence
    procurement_kind: str
    line_level: str
    project_name: str | None
    economic_subject_name: str | None
    item_name: str | None
    organisation_form: str | None
    amount_kind: str = "budget"
    table_title: str | None = None


@dataclass(frozen=True)
class ProjectFact:
    project_name: str
    project_code: str | None
    budget: Evidence | None
    actual: Evidence | None
    locator: Locator
    source_text: str
    method: str


@dataclass(frozen=True)
class IssueFact:
    """Something printed that was left out, flagged or converted, and why."""

    issue_kind: str
    detail: str
    locator: Locator | None = None
    source_text: str | None = None


Fact = LineItemFact | IncomeFact | TotalFact | ThreePublicFact | ProcurementLineFact | ProjectFact | IssueFact
# The facts that carry a printed amount (an issue fact carries none).
AMOUNT_FACTS = (LineItemFact, IncomeFact, TotalFact, ThreePublicFact, ProcurementLineFact, ProjectFact)
