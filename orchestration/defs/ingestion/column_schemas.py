"""The column schema of each staging frame, from its pandera model, as Dagster table metadata.

Shown on the staging assets in the UI (the "Columns" tab): name, type, whether it may be null or must
be unique, and the value checks pandera applies, so a reader sees the contract without opening
``ingestion/schemas.py``.
"""

from __future__ import annotations

import dagster as dg
import pandera.pandas as pa

_TYPE_NAMES = {"string[python]": "string", "str": "string", "Int64": "integer"}


def _check_text(check) -> str:
    arguments = ", ".join(f"{value}" for value in (check.statistics or {}).values())
    return f"{check.name}({arguments})" if arguments else str(check.name)


def staging_column_schema(model: type[pa.DataFrameModel]) -> dg.TableSchema:
    schema = model.to_schema()
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name,
                _TYPE_NAMES.get(str(column.dtype), str(column.dtype)),
                constraints=dg.TableColumnConstraints(
                    nullable=bool(column.nullable),
                    unique=bool(column.unique),
                    other=[_check_text(check) for check in column.checks],
                ),
            )
            for name, column in schema.columns.items()
        ],
        constraints=dg.TableConstraints(other=[str(check.error or check.name) for check in schema.checks]),
    )
