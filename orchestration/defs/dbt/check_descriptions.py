"""A description for every dbt data test, shown on its Dagster asset check.

dagster-dbt describes a check only by ``meta.description``, so most checks would have none. A test's
own ``description`` (dbt ≥ 1.9 accepts it on any data test) or ``meta.description`` wins; otherwise a
generic test is described from its name and arguments, which say exactly what it asserts ("`check_id`
of audit_reconciliation is unique"). A singular test, or a generic test this module does not know,
has no generated description: it must carry one (tests/dbt/test_project_structure.py fails otherwise).
"""

from __future__ import annotations

from collections.abc import Mapping
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


def _columns(columns: list) -> str:
    """``["a", "b", "c"]`` → ```a`, `b` and `c```."""
    quoted = [f"`{column}`" for column in columns]
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)


def _values_by_column(values_by_column: Mapping[str, list], model: str) -> str:
    """One clause a column, the model named once: "`a` of m is one of: x, y; `b` is one of: z"."""
    return "; ".join(
        f"`{column}`{f' of {model}' if index == 0 else ''} is one of: {_values(values)}"
        for index, (column, values) in enumerate(values_by_column.items())
    )


def _where(node: Mapping[str, Any]) -> str:
    where = (node.get("config") or {}).get("where")
    return f" (rows where {where})" if where else ""


# What each generic test asserts, filled by _arguments: the model, the column, the rows (``where``) and
# the test's own arguments.
_GENERATED: dict[str, str] = {
    "unique": "`{column}` of {model} is unique{where}.",
    "not_null": "`{column}` of {model} is never null{where}.",
    "accepted_values": "`{column}` of {model} is one of: {values}{where}.",
    "not_null_columns": "{columns} of {model} {are} never null{where}.",
    "accepted_values_by_column": "{values_by_column}{where}.",
    "relationships": "Every `{column}` of {model} exists in {to}.{field}{where}.",
    "relationships_composite": "Every ({fields}) of {model} exists in {to} as ({to_fields}){where}.",
    "unique_combination_of_columns": "({combination}) identifies one row of {model}{where}.",
    "accepted_range": "`{column}` of {model} lies within [{min_value}, {max_value}]{where}.",
    "expression_is_true": "Every row of {model}{where} satisfies: {expression}.",
}


def _arguments(node: Mapping[str, Any], kwargs: Mapping[str, Any], column: str) -> dict[str, Any]:
    field_map = kwargs.get("field_map") or {}
    columns = kwargs.get("columns") or []
    return {
        "column": column,
        "model": _model(node),
        "columns": _columns(columns),
        "are": "is" if len(columns) == 1 else "are",
        "values_by_column": _values_by_column(kwargs.get("values_by_column") or {}, _model(node)),
        "where": _where(node),
        "values": _values(kwargs.get("values") or []),
        "to": _ref_name(kwargs.get("to")),
        "field": kwargs.get("field"),
        "fields": ", ".join(field_map),
        "to_fields": ", ".join(field_map.values()),
        "combination": ", ".join(kwargs.get("combination_of_columns") or []),
        "min_value": kwargs.get("min_value", "−∞"),
        "max_value": kwargs.get("max_value", "∞"),
        "expression": kwargs.get("expression"),
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
    template = _GENERATED.get(metadata.get("name", ""))
    if template is None:
        return None
    return template.format(**_arguments(node, metadata.get("kwargs") or {}, node.get("column_name") or ""))
