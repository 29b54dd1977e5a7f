"""A user's official classification list (BUDGET_REFERENCE_DIR, warehouse/reference/) overrides the
bundled seeds for the codes it lists; codes it does not list keep the bundled rows.

The bundled reference holds 204 公共安全支出 without its 款, so 20406 司法 is `unverified` with the seeds
alone. With a user list holding 20406 and 2040601, both pass, and 2040604 — not in the list while the
list does go below 20406 — is a finding; 20101 人大事务 still passes from the bundled seed.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import PROJECT_ROOT
from tests.dbt.conftest import DbtWarehouse, document, failed_nodes, frames_from_rows, line_item

DOC = "f100000000000001"
USER_LIST = """code,name,level,parent_code,valid_from_year,valid_to_year,notes
20406,司法,款,204,,,confidence=high; official list 2024
2040601,行政运行,项,20406,,,confidence=high; official list 2024
"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    root = tmp_path_factory.mktemp("dbt_reference_override")
    reference_dir = root / "reference"
    shutil.copytree(PROJECT_ROOT / "warehouse" / "reference", reference_dir)
    (reference_dir / "functional_subjects_2024.csv").write_text(USER_LIST, encoding="utf-8")
    frames = frames_from_rows(
        documents=[document(DOC, "上海市普陀区司法局", 2024, "budget")],
        line_items=[
            line_item("a", DOC, "100.00", functional="20406", name="司法"),
            line_item("b", DOC, "60.00", functional="2040601", name="行政运行"),
            line_item("c", DOC, "40.00", functional="2040604", name="基层司法业务"),
            line_item("d", DOC, "10.00", functional="20101", name="人大事务"),
        ],
    )
    warehouse = DbtWarehouse(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BUDGET_REFERENCE_DIR", str(reference_dir))
        result = warehouse.build(frames)
    assert not failed_nodes(result), failed_nodes(result)
    return warehouse


def test_the_user_list_decides_the_codes_it_lists(warehouse):
    statuses = dict(
        warehouse.query(
            "select scope, status from marts.audit_reconciliation "
            "where rule_id = 'REF-SUBJECT-CODE' and document_id = ?",
            [DOC],
        )
    )
    assert statuses == {"20406": "pass", "2040601": "pass", "2040604": "fail", "20101": "pass"}


def test_the_user_rows_replace_the_bundled_ones(warehouse):
    rows = warehouse.query(
        "select subject_code, subject_name, confidence from marts.dim_functional_subject "
        "where subject_code in ('204', '20406', '2040601') order by 1"
    )
    assert rows == [("204", "公共安全支出", "medium"), ("20406", "司法", "high"), ("2040601", "行政运行", "high")]
