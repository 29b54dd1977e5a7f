import pytest

from ingestion.extract.metadata import extract_metadata
from ingestion.readers import read_document


@pytest.mark.parametrize(
    ("key", "agency", "year", "kind"),
    [
        ("xiamen", "中共厦门市委网络安全和信息化委员会办公室", 2020, "budget"),
        ("mancheng", "中共保定市满城区委网络安全和信息化委员会办公室", 2020, "budget"),
        ("bazhong", "巴中市互联网信息办公室", 2020, "final_account"),
        ("zhuzhou", "中共株洲市委网络安全和信息化委员会办公室", 2020, "budget"),
        ("nagqu", "那曲市委网信办", 2023, "final_account"),  # prints only its short name
    ],
)
def test_samples_are_identified(sample_path, key, agency, year, kind):
    metadata = extract_metadata(read_document(sample_path(key)))
    assert (metadata.agency_name, metadata.fiscal_year, metadata.doc_kind) == (agency, year, kind)


def _page(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return extract_metadata(read_document(path))


def test_a_heading_in_the_body_states_year_and_kind(tmp_path):
    metadata = _page(
        tmp_path,
        "今天是 智能问答\n2022年一般公共预算“三公”经费决算执行情况说明\n日期:2023-11-17\n"
        '鄂城区2022年的“三公"经费决算数合计为1000.86万,2021年的三公经费决算数合计为807.95万。\n',
    )
    assert (metadata.fiscal_year, metadata.doc_kind) == (2022, "final_account")


def test_a_heading_without_the_year_mark_still_counts(tmp_path):
    metadata = _page(tmp_path, "云县2023“三公”经费决算情况说明\n较2022年决算数688.84万元增长19.09%。\n")
    assert (metadata.fiscal_year, metadata.doc_kind) == (2023, "final_account")


def test_kind_by_the_words_of_the_body_fund_names_aside(tmp_path):
    metadata = _page(
        tmp_path,
        "一、“三公”经费财政拨款支出总体情况说明。\n"
        "2018年度本部门一般公共预算财政拨款安排的“三公”经费支出2.05万元。\n"
        "二、“三公”经费财政拨款支出与年初预算对比情况。\n年初预算为2.95万元。\n",
    )
    assert (metadata.fiscal_year, metadata.doc_kind) == (2018, "final_account")


def test_the_only_year_a_page_prints_is_its_year_and_none_is_none(tmp_path):
    assert (
        _page(tmp_path, "2022年本部门财政拨款安排“三公”经费502.4万元。\n部门预算管理有关规定。\n").fiscal_year == 2022
    )
    assert _page(tmp_path, "本年度预算总收入为376.59万元。\n").fiscal_year is None


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        ("上犹县老干部活动中心2025年单位预算", "上犹县老干部活动中心"),  # not cut at 上犹县老干部
        ("江苏省人大常委会办公厅2017年度部门预算", "江苏省人大常委会办公厅"),  # not cut at …常委会
    ],
)
def test_a_title_names_its_agency_up_to_the_last_agency_word(tmp_path, title, agency):
    assert _page(tmp_path, f"{title}\n一、部门职责\n本单位支出预算10.00万元。").agency_name == agency
