"""A frame that passes validation, validated without pandera's per-check overhead; pandera for the rest.

Why: pandera is the authority on the staging frames, but on a valid frame most of its time goes to
bookkeeping, not to checking: for every column it formats an (empty) table of failure cases for the
dtype check, deep-copies the column schema to coerce it, and wraps every check in pre- and
post-processing. That was ~0.2 s of CPU per document, two thirds of ingesting a text disclosure.

:func:`validate_frame` runs the same schema (``STAGING_FRAMES[name].to_schema()``) with the same
functions pandera calls: each column coerced with its dtype's ``try_coerce``, the dtype's own
``check``, nullability, uniqueness, then every check function with its statistics (nulls left out
where the check ignores them) and every dataframe check. If all of that passes, the coerced frame is
exactly what pandera returns (a test compares them frame by frame). If anything fails, or the schema
uses a feature this shortcut does not interpret (parsers, groupby or element-wise checks, regex
columns, an index schema …), the frame goes to pandera itself, so every error, message and rejection
is pandera's, unchanged. The shortcut can only ever be slower to say "fail", never say "pass" wrongly.

:func:`validate_together` goes one step further for a batch of documents: a frame kind's rows of
several documents are validated as one frame (a dozen tiny frames per document cost ~40 ms of pandas
overhead; the same rows of forty documents at once, ~7 ms a document). That is sound because every
staging check is row-wise or a uniqueness (``ROW_WISE_FRAME_CHECKS``; column checks are
element-wise built-ins): all rows passing together means each document's rows pass alone. A batch
that does not pass says nothing about which document failed, so then each document is validated alone
as before, and a rejection is exactly the one-document one.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
from pandera.engines.pandas_engine import Engine

from ingestion.schemas import STAGING_FRAMES

# Dataframe-level checks that hold for a union of documents' rows exactly when they hold for each
# document: row-wise tests, and uniqueness (a key that includes the document). A new check must be
# added here (a test lists them) or it disables validating documents together for its frame.
ROW_WISE_FRAME_CHECKS = {
    "parsed_documents_have_a_kind",
    "box_has_a_page",
    "printed_amount_is_in_snippet",
    "has_a_subject",
    "item_lines_name_their_item",
    "printed_percent_is_in_snippet",
    "figures_fit_the_kind",
    "one_row_per_position",
    "one_row_per_flag",
    "wording_is_in_snippet",
}
ELEMENT_WISE_COLUMN_CHECKS = {"isin", "str_matches", "str_length", "greater_than_or_equal_to", "less_than_or_equal_to"}


def validate_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``STAGING_FRAMES[name].validate(frame, lazy=True)``, by the shortcut when the frame is valid."""
    validated = _shortcut(name, frame) if _interpretable(name) else None
    if validated is None:
        validated = STAGING_FRAMES[name].validate(frame, lazy=True)
    return validated


def validate_together(name: str, frames: list[pd.DataFrame]) -> list[pd.DataFrame] | None:
    """Frames of kind ``name`` of several documents (none empty), validated as one frame and split back.

    Each returned frame is what :func:`validate_frame` returns for it alone (a test compares them);
    ``None`` when the union does not pass the shortcut or the schema has a check not known to be
    row-wise: the caller then validates each document alone.
    """
    if not frames or not _separable(name):
        return None
    columns = list(frames[0].columns)
    if any(list(frame.columns) != columns for frame in frames):
        return None
    if len(frames) == 1:
        alone = _shortcut(name, frames[0])
        return None if alone is None else [alone]
    union = _shortcut(name, pd.concat(frames, ignore_index=True))
    if union is None:
        return None
    pieces, start = [], 0
    for frame in frames:
        pieces.append(union.iloc[start : start + len(frame)].reset_index(drop=True))
        start += len(frame)
    return pieces


@cache
def _separable(name: str) -> bool:
    """Whether a union of documents' frames passes only if each document's frame passes (see module doc)."""
    schema = STAGING_FRAMES[name].to_schema()
    return (
        _interpretable(name)
        and all(check.name in ROW_WISE_FRAME_CHECKS for check in schema.checks)
        and all(
            check.name in ELEMENT_WISE_COLUMN_CHECKS for column in schema.columns.values() for check in column.checks
        )
    )


@cache
def _interpretable(name: str) -> bool:
    """Whether the shortcut interprets every feature of this schema (otherwise pandera does it all)."""
    schema = STAGING_FRAMES[name].to_schema()
    frame_level = (
        schema.coerce
        and schema.strict is True
        and schema.dtype is None
        and schema.index is None
        and not schema.parsers
        and not schema.unique
        and not schema.add_missing_columns
        and not schema.drop_invalid_rows
        and all(_plain_check(check) for check in schema.checks)
    )
    return frame_level and all(
        column.required
        and not column.regex
        and not column.parsers
        and column.default is None
        and column.dtype is not None
        and all(_plain_check(check) for check in column.checks)
        for column in schema.columns.values()
    )


def _plain_check(check) -> bool:
    return check.groupby is None and not check.element_wise and check._check_fn is not None


def _shortcut(name: str, frame: pd.DataFrame) -> pd.DataFrame | None:
    """The validated frame, or ``None`` as soon as anything would not pass (pandera then reports it)."""
    schema = STAGING_FRAMES[name].to_schema()
    if frame.columns.has_duplicates or set(frame.columns) != set(schema.columns):
        return None
    if not len(frame) and all(dtype == "object" for dtype in frame.dtypes):
        return _validated_empty(name, tuple(frame.columns)).copy()
    try:
        # what pandera's coercion does column by column (``try_coerce`` is ``astype(dtype.type)``), at once
        validated = frame.astype({name: column.dtype.type for name, column in schema.columns.items()})
        if not all(_column_passes(column, validated[name]) for name, column in schema.columns.items()):
            return None
        if not all(_passes(check, validated) for check in schema.checks):
            return None
    except Exception:  # noqa: BLE001 - whatever went wrong, pandera reports it properly
        return None
    return validated


@cache
def _validated_empty(name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """An empty frame of untyped columns, validated once: most documents leave several frames empty."""
    return STAGING_FRAMES[name].validate(pd.DataFrame(columns=list(columns)), lazy=True)


def _column_passes(column, series: pd.Series) -> bool:
    dtype_ok = column.dtype.check(Engine.dtype(series.dtype), series)
    if not (dtype_ok if isinstance(dtype_ok, bool) else bool(dtype_ok.all())):
        return False
    if not column.nullable and series.hasnans:
        return False
    if column.unique and series.duplicated().any():
        return False
    return all(_passes(check, series) for check in column.checks)


def _passes(check, data: pd.Series | pd.DataFrame) -> bool:
    """The check function on ``data`` (nulls dropped first for a column check that ignores them), all true."""
    if check.ignore_na and isinstance(data, pd.Series) and data.hasnans:
        data = data.dropna()
    outcome = check._check_fn(data, **check._check_kwargs)
    if isinstance(outcome, bool):
        return outcome
    if not isinstance(outcome, pd.Series):
        return False  # a frame of results, a NumPy scalar …: pandera knows how to read it
    if outcome.empty:
        return True  # as pandera: nothing to check on an empty frame or column
    return str(outcome.dtype) in {"bool", "boolean"} and not outcome.hasnans and bool(outcome.all())
