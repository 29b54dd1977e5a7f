"""Subject codes from printed names, against the reference seeds in dbt_project/seeds."""

import pytest

from ingestion.extract.subjects import (
    SubjectPath,
    agency_section,
    economic_expense_type,
    lookup_code,
    name_key,
    resolve_path,
    resolve_subject,
)


def test_lookup_code_returns_the_name_in_force_for_the_year():
    assert lookup_code("210", fiscal_year=2017).name == "医疗卫生与计划生育支出"
    assert lookup_code("210", fiscal_year=2020).name == "卫生健康支出"
    assert lookup_code("210").name == "卫生健康支出"
    assert lookup_code("30101").scheme == "department"
    assert lookup_code("3011201") is None  # a local extension is not a national code


def test_name_key_ignores_level_marks_brackets_and_the_word_zhichu():
    assert name_key("一般公共服务（类）") == name_key("一般公共服务支出") == "一般公共服务"
    assert name_key("维修（护）费") == name_key("维修(护)费")
    assert name_key("其他网信事务支出") == "其他网信事务"


@pytest.mark.parametrize(
    ("name", "kwargs", "code", "how"),
    [
        ("其他网信事务支出", {}, "2013799", "name"),
        ("事业单位医疗", {}, "2101102", "name"),
        ("行政运行", {"sibling_codes": ["2013799", "2101101"]}, "2013701", "siblings"),
        ("事业运行", {"sibling_codes": ["2013799"]}, "2013750", "siblings"),
        ("行政事业单位离退休", {"fiscal_year": 2020}, "20805", "renamed"),
        ("医疗卫生与计划生育", {"fiscal_year": 2020, "level": "类"}, "210", "renamed"),
        ("卫生健康", {"level": "类"}, "210", "name"),
        ("住房公积金", {}, "2210201", "name"),
        ("住房公积金", {"scheme": "economic"}, "30113", "name"),
        ("基本工资", {"scheme": "economic"}, "30101", "name"),
        ("其他交通费", {"scheme": "economic"}, "30239", "alias"),
        ("事业运行", {"parent_code": "20133"}, "2013350", "parent"),
    ],
)
def test_resolve_subject(name, kwargs, code, how):
    resolution = resolve_subject(name, **kwargs)
    assert (resolution.code, resolution.how) == (code, how)


def test_a_bare_common_name_stays_ambiguous_and_says_why():
    alone = resolve_subject("行政运行")
    assert alone.code is None and alone.how == "ambiguous"
    assert "2010101" in alone.ambiguous_reason and "single one out" in alone.ambiguous_reason
    # siblings from another 款 do not help: 21011 has no 行政运行
    assert resolve_subject("行政运行", sibling_codes=["2101101"]).code is None


def test_an_unknown_name_has_no_code():
    resolution = resolve_subject("技术管网经费")
    assert (resolution.code, resolution.how) == (None, "unknown")
    assert "not a functional subject name" in resolution.ambiguous_reason


def test_path_by_names_resolves_each_level_under_its_parent():
    path = SubjectPath("一般公共服务", "宣传事务", "事业运行")
    assert resolve_path(path).code == "2013350"
    assert resolve_path(SubjectPath("卫生健康", "行政事业单位医疗", "事业单位医疗")).code == "2101102"
    # a class name glued to the words before it
    assert resolve_path(SubjectPath("年一般公共服务")).code == "201"


def test_path_across_renamed_levels():
    path = SubjectPath("社会保障和就业", "行政事业单位离退休", "机关事业单位基本养老保险缴费支出")
    resolution = resolve_path(path, fiscal_year=2020)
    assert (resolution.code, resolution.how) == ("2080505", "renamed")
    old_class = resolve_path(SubjectPath("医疗卫生与计划生育", "行政事业单位医疗", "事业单位医疗"), fiscal_year=2020)
    assert (old_class.code, old_class.how) == ("2101102", "renamed")
    assert old_class.note == "类 '医疗卫生与计划生育' is an old name of 210"


def test_printed_codes_win_and_a_code_missing_from_the_reference_is_kept_and_noted():
    printed = resolve_path(SubjectPath("公共安全支出", "司法", "行政运行", "204", "06", "01"))
    assert (printed.code, printed.how) == ("2040601", "printed")
    assert "not in the reference" in printed.note
    known = resolve_path(SubjectPath("一般公共服务支出", "网信事务", "行政运行", "201", "37", "01"))
    assert (known.code, known.note) == ("2013701", None)


def test_an_unresolvable_level_leaves_the_path_without_code():
    resolution = resolve_path(SubjectPath("一般公共服务", "宣传事务", "舆情监测"))
    assert resolution.code is None and "项 '舆情监测'" in resolution.ambiguous_reason


def test_economic_expense_type_follows_the_class():
    assert economic_expense_type("30101") == "personnel"
    assert economic_expense_type("30305") == "personnel"
    assert economic_expense_type("30217") == "public"
    assert economic_expense_type("31002") == "basic"


def test_the_agency_type_decides_only_when_siblings_cannot():
    wangxin = agency_section("中共厦门市委网络安全和信息化委员会办公室")
    assert wangxin == "20137" and agency_section("巴中市互联网信息办公室") == "20137"
    assert agency_section("某某县公安局") is None  # 204 has no sections in the reference
    alone = resolve_subject("行政运行", agency_section=wangxin)
    assert (alone.code, alone.how) == ("2013701", "agency")
    # a sibling in another 款 that has a 事业运行 wins over the agency's 款
    beside = resolve_subject("事业运行", sibling_codes=["2013399"], agency_section=wangxin)
    assert (beside.code, beside.how) == ("2013350", "siblings")


def test_a_path_whose_item_is_not_under_its_section_stays_unresolved_never_a_sibling():
    """行政运行 exists under many 款 but not under 20805: the path is not stored under 2080501 or 2010101."""
    pension = {"class_name": "社会保障和就业支出", "section_name": "行政事业单位养老支出"}
    resolution = resolve_path(SubjectPath(**pension, item_name="行政运行"), fiscal_year=2024)
    assert resolution.code is None
    assert "'行政运行' is no 项 under 20805" in resolution.ambiguous_reason
    assert resolve_path(SubjectPath(**pension, item_name="行政单位离退休"), fiscal_year=2024).code == "2080501"
