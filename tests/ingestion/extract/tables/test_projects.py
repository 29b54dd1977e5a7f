"""Projects printed in tables: a project list (one project per row) and a performance-target form."""

from decimal import Decimal

from ingestion.extract.facts import IssueFact, ProjectFact
from ingestion.extract.tables import extract_tables
from tests.ingestion.extract.tables.support import table_document


def _read(title: str, rows: list[list[str]]):
    return extract_tables(table_document(title, rows), doc_kind="budget", fiscal_year=2021, default_unit="万元")


def test_a_project_list_gives_one_project_per_row_and_reports_the_funding_breakdown():
    facts = _read(
        "2021年项目支出预算明细表",
        [
            ["项目名称", "合计", "财政拨款"],
            ["网络舆情监测", "60.00", "60.00"],
            ["网络安全宣传", "120.00", "100.00"],
            ["合计", "180.00", "160.00"],
        ],  # fmt: skip
    )
    projects = [(f.project_name, f.budget.reported_amount, f.budget.amount_yuan, f.actual) for f in facts
                if isinstance(f, ProjectFact)]  # fmt: skip
    assert projects == [
        ("网络舆情监测", "60.00", Decimal("600000.00"), None),
        ("网络安全宣传", "120.00", Decimal("1200000.00"), None),
    ]  # the 合计 row is not a project
    [issue] = [f for f in facts if isinstance(f, IssueFact)]
    assert issue.issue_kind == "column_not_extracted" and "'财政拨款'" in issue.detail


def test_a_performance_target_form_is_one_project_with_budget_and_actual():
    facts = _read(
        "2021年项目绩效目标表",
        [["项目名称", "网络舆情监测", "项目编码", "224-0302-JXN-I8F2"], ["预算数", "6.00", "执行数:", "0.9万元"]],
    )
    [project] = [f for f in facts if isinstance(f, ProjectFact)]
    assert (project.project_name, project.project_code) == ("网络舆情监测", "224-0302-JXN-I8F2")
    assert (project.budget.amount_yuan, project.actual.reported_amount, project.actual.amount_yuan) == (
        Decimal("60000.00"),
        "0.9万元",
        Decimal("9000.0"),
    )
    # the rest of a performance table is not modelled, and says so
    assert [f.issue_kind for f in facts if isinstance(f, IssueFact)] == ["table_not_modelled"]
