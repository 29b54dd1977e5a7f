"""A description for every dbt data test, shown on its Dagster asset check.

dagster-dbt describes a check only by ``meta.description``, so most checks would have none. A test's
own ``description`` (dbt ≥ 1.9 accepts it on any data test) or ``meta.description`` wins; otherwise a
generic test is described from its name and arguments, which say exactly what it asserts ("`check_id`
of audit_reconciliation is unique"). A singular test, or a generic test this module does not know,
has no generated description: it must carry one (tests/dbt/test_project_structure.py fails otherwise).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

SHOWN_VALUES = 8  # accepted_values lists longer than this are cut, with a count of the rest


def _model(node: Mapping[str, Any]) -> str:
    attached = node.get("attached_node") or ""
    return attached.rsplit(".", 1)[-1] or "the model"


def _ref_name(ref: Any) -> str:
    """``ref('dim_document')`` → ``dim_document``."""
    text = str(ref)
    return text.split("'")[1] if "'" in text else text


def _values(values: list) -> str:
    shown = ", ".join(str(value) for value in values[:SHOWN_VALUES])
    return shown + (f" … ({len(values) - SHOWN_VALUES} more)" if len(values) > SHOWN_VALUES else "")


def _where(node: Mapping[str, Any]) -> str:
    where = (node.get("config") or {}).get("where")
    return f" (rows where {where})" if where else ""


_GENERATED: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any], str], str]] = {
    "unique": lambda node, kwargs, column: f"`{column}` of {_model(node)} is unique{_where(node)}.",
    "not_null": lambda node, kwargs, column: f"`{column}` of {_model(node)} is never null{_where(node)}.",
    "accepted_values": lambda node, kwargs, column: (
        f"`{column}` of {_model(node)} is one of: {_values(kwargs.get('values') or [])}{_where(node)}."
    ),
    "relationships": lambda node, kwargs, column: (
        f"Every `{column}` of {_model(node)} exists in {_ref_name(kwargs.get('to'))}.{kwargs.get('field')}"
        f"{_where(node)}."
    ),
    "relationships_composite": lambda node, kwargs, column: (
        f"Every ({', '.join(kwargs.get('field_map') or {})}) of {_model(node)} exists in "
        f"{_ref_name(kwargs.get('to'))} as ({', '.join((kwargs.get('field_map') or {}).values())}){_where(node)}."
    ),
    "unique_combination_of_columns": lambda node, kwargs, column: (
        f"({', '.join(kwargs.get('combination_of_columns') or [])}) identifies one row of {_model(node)}{_where(node)}."
    ),
    "accepted_range": lambda node, kwargs, column: (
        f"`{column}` of {_model(node)} lies within [{kwargs.get('min_value', '−∞')}, "
        f"{kwargs.get('max_value', '∞')}]{_where(node)}."
    ),
    "expression_is_true": lambda node, kwargs, column: (
        f"Every row of {_model(node)}{_where(node)} satisfies: {kwargs.get('expression')}."
    ),
}


def explicit_description(node: Mapping[str, Any]) -> str | None:
    """The description the test states itself (``description:`` or ``meta.description``)."""
    meta = (node.get("config") or {}).get("meta") or node.get("meta") or {}
    text = (node.get("description") or meta.get("description") or "").strip()
    return text or None


def describe_test(node: Mapping[str, Any]) -> str | None:
    """The test's own description, else one generated from a known generic test's arguments."""
    explicit = explicit_description(node)
    if explicit:
        return explicit
    metadata = node.get("test_metadata") or {}
    generate = _GENERATED.get(metadata.get("name", ""))
    if generate is None:
        return None
    return generate(node, metadata.get("kwargs") or {}, node.get("column_name") or "")
