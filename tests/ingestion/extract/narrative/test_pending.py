"""Name-only subjects resolved once the whole document is read: by siblings, by agency, or left as issues."""

from tests.ingestion.extract.narrative.support import issues_of, items_of, read_prose, totals_of


def test_name_only_items_resolved_from_their_siblings():
    facts = read_prose(
        "（1） 行政运行183.39万元。",
        "（2） 事业运行291.79万元。主要用于事业在职人员支出（工资及津补贴奖金等）。",
        "（3） 其他网信事务支出320万元。主要用于互联网技术提升服务和运维费。",
        "（二）事业单位离退休1.4万元。主要用于退休人员的过节费等。",
    )
    assert {code for code, *_ in items_of(facts)} == {"2013701", "2013750", "2013799", "2080502"}
    assert {i.detail for i in issues_of(facts)} == {
        "'行政运行' → 2013701 by siblings",
        "'事业运行' → 2013750 by siblings",
    }


def test_an_ambiguous_name_is_an_issue_not_a_guess():
    facts = read_prose("（1） 行政运行183.39万元。")
    assert items_of(facts) == {}
    [issue] = issues_of(facts)
    assert issue.issue_kind == "subject_unresolved" and issue.detail.startswith("183.39万元 for '行政运行' not stored")


def test_parts_of_a_listed_subject_become_its_expense_types():
    facts = read_prose(
        "（1） 行政运行1183.39万元。主要用于机关在职人员支出（工资及津补贴奖金等）274.66万元，"
        "公用支出80.73万元和项目支出828万元。",
        "（3） 其他网信事务支出320万元。",
    )
    assert {key: printed for key, (printed, _) in items_of(facts).items() if key[0] == "2013701"} == {
        ("2013701", "total", "budget"): "1183.39万元",
        ("2013701", "personnel", "budget"): "274.66万元",
        ("2013701", "public", "budget"): "80.73万元",
        ("2013701", "project", "budget"): "828万元",
    }
    assert totals_of(facts) == {}  # the parts are not the document's personnel/public/project totals


def test_an_unnumbered_short_line_does_not_separate_siblings():
    facts = read_prose("（1） 行政运行183.39万元。", "具体情况如下：", "（2） 其他网信事务支出320万元。")
    assert {code for code, *_ in items_of(facts)} == {"2013701", "2013799"}


def test_a_lone_common_name_takes_the_agency_types_section():
    facts = read_prose("（1） 行政运行183.39万元。", agency_name="中共株洲市委网络安全和信息化委员会办公室")
    assert set(items_of(facts)) == {("2013701", "total", "budget")}
    assert [i.detail for i in issues_of(facts)] == ["'行政运行' → 2013701 by agency"]
