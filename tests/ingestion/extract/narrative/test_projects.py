"""Projects named in prose, with their budget and actual amounts."""

from decimal import Decimal

from ingestion.extract.facts import ProjectFact
from tests.ingestion.extract.narrative.support import issues_of, read_prose, totals_of


def test_coded_projects_with_budget_and_actual():
    facts = read_prose(
        "6.54060023T000000972027-舆情监测系统经费，用于监测各信息平台公众号不良信息等服务费用，初预算21万元，支出21万元，支出100%。",
        "2.54060022T000000533232-强基惠民驻村经费，年初预算6.25万元，主要用于驻村人员生活补贴，实际支出6.25万元，支出6.25万元，支出100%。",
        "9.54060024T000001451241-应急指挥中心规范化建设经费，用于设施设备建设等费用，预算追加73.74万元，支出73.74万元，支出100%。",
        doc_kind="final_account",
    )
    projects = [
        (p.project_code, p.project_name, p.budget.reported_amount, p.actual.reported_amount)
        for p in facts
        if isinstance(p, ProjectFact)
    ]
    assert projects == [
        ("54060023T000000972027", "舆情监测系统经费", "21万元", "21万元"),
        ("54060022T000000533232", "强基惠民驻村经费", "6.25万元", "6.25万元"),
        ("54060024T000001451241", "应急指挥中心规范化建设经费", "73.74万元", "73.74万元"),
    ]
    assert [i.issue_kind for i in issues_of(facts)] == ["narrative_repeated_amount"]


def test_quoted_project_with_budget_and_execution():
    facts = read_prose(
        "（5）“互联网维护与整治经费”项目绩效目标完成情况综述。项目全年预算数75万元，执行数为63.38万元，完成预算的84.51%。",
        doc_kind="final_account",
    )
    [project] = [p for p in facts if isinstance(p, ProjectFact)]
    assert (project.project_name, project.project_code) == ("互联网维护与整治经费", None)
    assert (project.budget.amount_yuan, project.actual.amount_yuan) == (
        Decimal("750000.00"),
        Decimal("633800.00"),
    )


def test_projects_listed_under_a_project_heading():
    facts = read_prose(
        "（二）项目支出",
        "2020 年年初预算数为 180 万元，是指单位为完成特定行政工作任务而发生的支出。其中：",
        "（1）技术管网经费 60 万元。主要用于专业网络舆情监测系统的服务购买和运营维护。",
        "（2）网络舆论引导资金 120 万元。主要用于全面组织网上正面宣传。",
    )
    assert totals_of(facts) == {("project_expenditure", "budget", "all"): "180 万元"}
    projects = {p.project_name: (p.budget.reported_amount, p.actual) for p in facts if isinstance(p, ProjectFact)}
    assert projects == {"技术管网经费": ("60 万元", None), "网络舆论引导资金": ("120 万元", None)}
