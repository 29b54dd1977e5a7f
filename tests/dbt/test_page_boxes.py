"""Page boxes travel from the staging frames to the fact marts and to both sides of a reconciliation
finding (looked up by the side's locator); sides that are not one printed source have none."""

from __future__ import annotations

import pytest

from tests.dbt.conftest import DbtWarehouse, document, failed_nodes, frames_from_rows, line_item

PDF_DOCUMENT = "f100000000000001"
CLASS_BOX = "72.00,340.50,180.25,352.00"


def placed(row: dict, page: int, box: str) -> dict:
    return dict(row, source_page=page, source_bbox=box)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    def item(item_id, code, wan, name, locator):
        return line_item(item_id, PDF_DOCUMENT, wan, functional=code, name=name, locator=locator,
                         text=f"{code}\t{name}\t{wan}")  # fmt: skip

    rows = {
        "documents": [document(PDF_DOCUMENT, "那曲市委网信办", 2023, "budget", source_format="pdf", page_count=9)],
        "line_items": [
            placed(item("b1", "201", "774.70", "一般公共服务支出", "p3 l4 t2 r5 c3"), 3, CLASS_BOX),
            placed(item("b2", "20132", "34.23", "组织事务", "p3 l4 t2 r6 c3"), 3, "72.00,355.00,180.25,366.50"),
            placed(item("b3", "20137", "771.28", "网信事务", "p4 l2 t2 r7 c3"), 4, "72.00,80.00,180.25,91.50"),
            item("b4", "208", "98.65", "社会保障和就业支出", "l40"),
            item("b5", "20805", "98.65", "行政单位养老支出", "l41"),
        ],
    }
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("dbt_page_boxes"))
    result = warehouse.build(frames_from_rows(**rows))
    assert not failed_nodes(result), failed_nodes(result)
    return warehouse


def test_fact_marts_keep_the_page_and_box(warehouse):
    rows = warehouse.query("select functional_subject_code, source_page, source_bbox from marts.fct_line_item")
    placed_rows = {code: (page, box) for code, page, box in rows}
    assert placed_rows["201"] == (3, CLASS_BOX)
    assert placed_rows["20137"] == (4, "72.00,80.00,180.25,91.50")
    assert placed_rows["208"] == (None, None)  # a line of flowing text has no box


def test_finding_sides_carry_the_box_of_their_source(warehouse):
    (finding,) = warehouse.query_dicts(
        "select * from marts.audit_reconciliation where rule_id = 'HIER-FUN' and scope = '201'"
    )
    assert finding["status"] == "fail"
    assert (finding["expected_source_page"], finding["expected_source_bbox"]) == (3, CLASS_BOX)
    # the computed side names two sources ("20132: …; 20137: …"), so it is not one box
    assert ";" in finding["actual_source_locator"]
    assert finding["actual_source_page"] is None and finding["actual_source_bbox"] is None


def test_unplaced_sides_have_no_box(warehouse):
    (passed,) = warehouse.query_dicts(
        "select * from marts.audit_reconciliation where rule_id = 'HIER-FUN' and scope = '208'"
    )
    assert passed["status"] == "pass" and passed["expected_source_bbox"] is None
