"""Every dbt test's asset check gets a description: its own, or one read from its generic arguments."""

import pytest

from orchestration.defs.dbt.check_descriptions import describe_test


def generic(name: str, kwargs: dict, column: str | None = None, **extra) -> dict:
    return {
        "attached_node": "model.budget_warehouse.audit_reconciliation",
        "test_metadata": {"name": name, "kwargs": kwargs},
        "column_name": column,
        "description": "",
        "config": {"meta": {}, **extra},
    }


@pytest.mark.parametrize(
    ("node", "description"),
    [
        (generic("unique", {}, "check_id"), "`check_id` of audit_reconciliation is unique."),
        (generic("not_null", {}, "detail"), "`detail` of audit_reconciliation is never null."),
        (
            generic("accepted_values", {"values": list("abcdefghij")}, "status"),
            "`status` of audit_reconciliation is one of: a, b, c, d, e, f, g, h … (2 more).",
        ),
        (
            generic("not_null_columns", {"columns": ["check_id", "document_id", "detail"]}),
            "`check_id`, `document_id` and `detail` of audit_reconciliation are never null.",
        ),
        (
            generic("not_null_columns", {"columns": ["check_id"]}, where="is_current"),
            "`check_id` of audit_reconciliation is never null (rows where is_current).",
        ),
        (
            generic("accepted_values_by_column", {"values_by_column": {"s": ["pass", "fail"], "u": [*"abcdefghi"]}}),
            "`s` of audit_reconciliation is one of: pass, fail; `u` is one of: a, b, c, d, e, f, g, h … (1 more).",
        ),
        (
            generic("relationships", {"to": "ref('dim_document')", "field": "document_id"}, "document_id"),
            "Every `document_id` of audit_reconciliation exists in dim_document.document_id.",
        ),
        (
            generic("relationships_composite", {"to": "ref('dim_x')", "field_map": {"a": "b", "c": "d"}}),
            "Every (a, c) of audit_reconciliation exists in dim_x as (b, d).",
        ),
        (
            generic("unique_combination_of_columns", {"combination_of_columns": ["a", "b"]}),
            "(a, b) identifies one row of audit_reconciliation.",
        ),
        (
            generic("accepted_range", {"min_value": 0, "max_value": 1}, "share"),
            "`share` of audit_reconciliation lies within [0, 1].",
        ),
        (
            generic("expression_is_true", {"expression": "a = b"}, where="c"),
            "Every row of audit_reconciliation (rows where c) satisfies: a = b.",
        ),
    ],
)
def test_generic_tests_are_described_from_their_arguments(node, description):
    assert describe_test(node) == description


def test_a_stated_description_wins_and_an_unknown_test_has_none():
    stated = dict(generic("unique", {}, "check_id"), description="Stable check ids.")
    assert describe_test(stated) == "Stable check ids."
    in_meta = dict(generic("unique", {}, "check_id"), config={"meta": {"description": "From meta."}})
    assert describe_test(in_meta) == "From meta."
    assert describe_test({"name": "assert_x", "description": "", "config": {}}) is None
    assert describe_test(generic("has_no_findings", {"rule_severity": "error"})) is None
