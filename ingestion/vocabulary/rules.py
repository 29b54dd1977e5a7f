"""The row every word table of the vocabulary is made of: a wording, the key it stands for, and the
settings it counts in (``prose``, ``table``, ``project`` …, named by each table's module)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    word: str
    key: str
    where: frozenset[str]


def word(text: str, key: str, *where: str) -> Word:
    return Word(text, key, frozenset(where))


def keyed(rows: Iterable[Word], where: str, key: str | None = None) -> dict[str, str]:
    """word → key of the rows that count ``where`` (and stand for ``key``, if given), in table order."""
    return {row.word: row.key for row in rows if where in row.where and key in (None, row.key)}
