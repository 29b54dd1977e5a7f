"""The marts over a handful of constructed documents: contract columns, agencies, subjects, facts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.dbt.conftest import (
    DbtWarehouse,
    document,
    failed_nodes,
    frames_from_rows,
    issue,
    line_item,
    project,
    rejected_document,
    reported_total,
    three_public,
)

ZHUZHOU = "a000000000000001"
MANCHENG = "b000000000000002"
JIANGSU = "c000000000000003"
PUTUO = "d000000000000004"
NAGQU = "e000000000000005"
REJECTED = "f000000000000006"
MORE_AGENCIES = [
    "上海市普陀区人民政府万里街道办事处",
    "江苏省人大常委会办公厅",
    "上海市普陀区人民政府办公室",
    "舟山市普陀区财政局",
    "吉林市财政局",
    "海南藏族自治州财政局",
    "中山大学",
    "国家互联网信息办公室",
    "中共那曲地委宣传部",
]

CONTRACT_COLUMNS = {
    "dim_agency": [
        "agency_id",
        "agency_name",
        "short_name",
        "province",
        "city",
        "county",
        "admin_level",
        "agency_type",
    ],
    "dim_document": [
        "document_id",
        "agency_id",
        "fiscal_year",
        "doc_kind",
        "source_file",
        "source_format",
        "sha256",
        "page_count",
        "parser_version",
        "ingested_at",
        "file_modified_at",
        "version_number",
        "superseded_by",
        "is_current",
        "status",
        "rejection_reason",
        "rejection_detail",
    ],
    "dim_functional_subject": [
        "subject_code",
        "subject_name",
        "level",
        "parent_code",
        "class_code",
        "section_code",
        "valid_from_year",
        "valid_to_year",
        "former_names",
    ],
    "dim_economic_subject": ["subject_code", "scheme", "subject_name", "level", "parent_code"],
    "fct_line_item": [
        "line_item_id",
        "document_id",
        "agency_id",
        "fiscal_year",
        "doc_kind",
        "functional_subject_code",
        "economic_subject_code",
        "expense_type",
        "fund_source",
        "amount_kind",
        "amount_yuan",
        "reported_amount",
        "reported_unit",
        "source_locator",
        "source_text",
        "extraction_method",
        "subject_name",
        "code_source",
        "is_code_in_reference",
        "other_source_locators",
        "table_title",
    ],
    "fct_reported_total": [
        "document_id",
        "measure",
        "amount_kind",
        "amount_yuan",
        "source_locator",
        "source_text",
    ],
    "fct_three_public_expense": [
        "document_id",
        "category",
        "amount_kind",
        "amount_yuan",
        "source_locator",
        "source_text",
    ],
    "fct_project": [
        "document_id",
        "project_code",
        "project_name",
        "budget_yuan",
        "actual_yuan",
        "source_locator",
        "source_text",
    ],
    "audit_extraction_issue": ["extraction_issue_id", "document_id", "issue_kind", "detail"],
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    rows = dict(
        documents=[
            document(ZHUZHOU, "中共株洲市委网络安全和信息化委员会办公室", 2020, "budget", short_name="市委网信办"),
            document(MANCHENG, "中共保定市满城区委网络安全和信息化委员会办公室", 2020, "budget"),
            document(JIANGSU, "江苏省人民检察院", 2018, "budget"),
            document(PUTUO, "上海市普陀区财政局", 2024, "final_account"),
            document(NAGQU, "那曲市委网信办", 2023, "final_account"),
            rejected_document(REJECTED, "not_a_disclosure", "The file is a meeting notice, not a budget disclosure."),
            *[document(f"{index:016x}", name, 2024, "budget") for index, name in enumerate(MORE_AGENCIES, start=1)],
        ],
        line_items=[
            line_item("z1", ZHUZHOU, "472.74", functional="201", name="一般公共服务支出"),
            line_item("z2", ZHUZHOU, "472.74", functional="20137", name="网信事务"),
            line_item("z3", ZHUZHOU, "292.74", functional="2013701", name="行政运行"),
            line_item("z4", ZHUZHOU, "180.00", functional="2013799", name="其他网信事务支出"),
            line_item("z5", ZHUZHOU, "3.00", economic="30231", name="公车用车运行维护费", expense_type="basic"),
            line_item("z6", ZHUZHOU, "10.00", economic="3011201", name="生育保险", expense_type="basic"),
            line_item(
                "z7",
                ZHUZHOU,
                "1.00",
                functional="2080505",
                name="机关事业单位基本养老保险缴费支出",
                code_source="resolved",
            ),
            line_item("n1", NAGQU, "774.70", functional="201", name="一般公共服务支出（类）", amount_kind="actual"),
            line_item("n2", NAGQU, "34.23", functional="20132", name="组织事务（款）", amount_kind="actual"),
            line_item("n3", NAGQU, "771.28", functional="20137", name="网信事务（款）", amount_kind="actual"),
            line_item("n4", NAGQU, "12.50", functional="20805", name="行政事业单位离退休", amount_kind="actual"),
        ],
        reported_totals=[
            reported_total(ZHUZHOU, "expenditure_total", "472.74"),
            reported_total(ZHUZHOU, "expenditure_total", "472.74", locator="p2 l5", method="narrative"),
        ],
        three_public_expenses=[
            three_public(ZHUZHOU, "total", "13"),
            three_public(ZHUZHOU, "official_reception", "10"),
            three_public(ZHUZHOU, "vehicle_operation", "3"),
        ],
        projects=[project(ZHUZHOU, "网络安全专项", "180.00")],
        extraction_issues=[
            issue(ZHUZHOU, "unparsed_table", "Table 12 has no recognisable header.", "t12"),
            issue(ZHUZHOU, "unparsed_table", "Table 12 has no recognisable header.", "t12"),
        ],
    )
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("dbt_marts"))
    result = warehouse.build(frames_from_rows(**rows))
    assert not failed_nodes(result), failed_nodes(result)
    assert result.success, result.exception
    return warehouse


@pytest.mark.parametrize("table", sorted(CONTRACT_COLUMNS))
def test_marts_have_the_contract_columns(warehouse, table):
    columns = {row[0] for row in warehouse.query(f"describe marts.{table}")}
    assert set(CONTRACT_COLUMNS[table]) <= columns


def test_money_is_exact_decimal(warehouse):
    types = dict(
        warehouse.query(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and column_name like '%_yuan'"
            " and table_name like 'fct_%'"
        )
    )
    assert set(types.values()) == {"DECIMAL(20,2)"}


@pytest.mark.parametrize(
    ("agency_name", "expected"),
    [
        (
            "中共株洲市委网络安全和信息化委员会办公室",
            ("湖南省", "株洲市", None, "city", "网信办", "市委网信办"),
        ),
        (
            "中共保定市满城区委网络安全和信息化委员会办公室",
            ("河北省", "保定市", "满城区", "county", "网信办", None),
        ),
        ("江苏省人民检察院", ("江苏省", None, None, "province", "检察院", None)),
        ("上海市普陀区财政局", ("上海市", "上海市", "普陀区", "county", "财政部门", None)),
        ("那曲市委网信办", ("西藏自治区", "那曲市", None, "city", "网信办", None)),
        ("上海市普陀区人民政府万里街道办事处", ("上海市", "上海市", "普陀区", "county", "街道办事处", None)),
        ("江苏省人大常委会办公厅", ("江苏省", None, None, "province", "人大", None)),
        ("上海市普陀区人民政府办公室", ("上海市", "上海市", "普陀区", "county", "政府办公室", None)),
        # 普陀区 of 舟山市, not of 上海市: the matched city decides
        ("舟山市普陀区财政局", ("浙江省", "舟山市", "普陀区", "county", "财政部门", None)),
        # 吉林 is both a province and a city: only the full name places it
        ("吉林市财政局", ("吉林省", "吉林市", None, "city", "财政部门", None)),
        # contains 海南 but is 青海省's 海南藏族自治州
        ("海南藏族自治州财政局", ("青海省", "海南藏族自治州", None, "city", "财政部门", None)),
        # a short form (中山) is not a place unless an administrative suffix follows
        ("中山大学", (None, None, None, None, None, None)),
        ("国家互联网信息办公室", (None, None, None, "central", "网信办", None)),
        # former name 那曲地区: short form 那曲 followed by 地委
        ("中共那曲地委宣传部", ("西藏自治区", "那曲市", None, "city", "宣传部", None)),
    ],
)
def test_agencies_are_placed_from_their_names(warehouse, agency_name, expected):
    rows = warehouse.query(
        "select province, city, county, admin_level, agency_type, short_name from marts.dim_agency "
        "where agency_id in (select agency_id from marts.dim_document where printed_agency_name = ?)",
        [agency_name],
    )
    assert len(rows) == 1
    *placement, short_name = rows[0]
    assert tuple(placement) == expected[:5]
    if expected[5]:
        assert short_name == expected[5]


@pytest.mark.parametrize(
    ("agency_name", "codes"),
    [
        ("上海市普陀区财政局", ("310000", "310000", "310107")),  # a 直辖市's city code is its own
        ("舟山市普陀区财政局", ("330000", "330900", "330903")),
        ("中共株洲市委网络安全和信息化委员会办公室", ("430000", "430200", None)),
        ("江苏省人民检察院", ("320000", None, None)),
        ("中山大学", (None, None, None)),
    ],
)
def test_agencies_carry_the_codes_of_their_divisions(warehouse, agency_name, codes):
    rows = warehouse.query(
        "select province_code, city_code, county_code from marts.dim_agency "
        "where agency_id in (select agency_id from marts.dim_document where printed_agency_name = ?)",
        [agency_name],
    )
    assert rows == [codes]


def test_rejected_documents_are_kept_without_agency(warehouse):
    rows = warehouse.query(
        "select status, agency_id, rejection_reason from marts.dim_document where document_id = ?", [REJECTED]
    )
    assert rows == [("rejected", None, "not_a_disclosure")]
    assert warehouse.query("select count(*) from marts.dim_document")[0][0] == 6 + len(MORE_AGENCIES)


def test_agency_id_is_a_stable_hash_of_the_name(warehouse):
    (agency_id,) = warehouse.query("select agency_id from marts.dim_agency where agency_name = '江苏省人民检察院'")[0]
    import hashlib

    assert agency_id == hashlib.sha256("江苏省人民检察院".encode()).hexdigest()[:16]


def test_renamed_functional_code_has_one_row_with_its_former_name(warehouse):
    rows = warehouse.query(
        "select subject_name, former_names, level, class_code, section_code "
        "from marts.dim_functional_subject where subject_code = '20805'"
    )
    assert rows == [("行政事业单位养老支出", "行政事业单位离退休", "section", "208", "20805")]


def test_economic_dimension_is_keyed_by_code_and_scheme(warehouse):
    schemes = dict(warehouse.query("select scheme, count(*) from marts.dim_economic_subject group by scheme"))
    # the 部门预算 scheme includes two 款 of the pre-2018 editions (30312 提租补贴, 30313 购房补贴)
    assert schemes == {"department": 112, "government": 80}


def test_line_items_carry_document_context_and_reference_flags(warehouse):
    rows = warehouse.query_dicts(
        "select * from marts.fct_line_item where document_id = ? order by line_item_id", [ZHUZHOU]
    )
    by_id = {row["line_item_id"]: row for row in rows}
    assert by_id["z1"]["fiscal_year"] == 2020 and by_id["z1"]["doc_kind"] == "budget"
    assert by_id["z1"]["amount_yuan"] == Decimal("4727400.00")
    assert by_id["z3"]["is_code_in_reference"] is True
    assert by_id["z3"]["is_label_mismatch"] is False
    # a local 7-digit economic extension is kept and flagged, never dropped
    assert by_id["z6"]["is_code_in_reference"] is False
    assert by_id["z6"]["is_label_mismatch"] is None
    # 公车用车运行维护费 printed for 30231 公务用车运行维护费
    assert by_id["z5"]["is_label_mismatch"] is True
    assert by_id["z5"]["economic_subject_scheme"] == "department"


def test_a_former_name_is_not_a_label_mismatch(warehouse):
    (mismatch,) = warehouse.query("select is_label_mismatch from marts.fct_line_item where line_item_id = 'n4'")[0]
    assert mismatch is False


def test_level_markers_do_not_make_a_label_mismatch(warehouse):
    rows = warehouse.query(
        "select line_item_id, is_label_mismatch from marts.fct_line_item where document_id = ? order by 1",
        [NAGQU],
    )
    assert all(mismatch is False for _, mismatch in rows)


def test_identical_extraction_issues_keep_distinct_ids(warehouse):
    ids = warehouse.query("select extraction_issue_id from marts.audit_extraction_issue")
    assert len(ids) == 2 and len(set(ids)) == 2
