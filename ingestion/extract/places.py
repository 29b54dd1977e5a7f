"""Place names of China's administrative divisions (the ``admin_divisions`` seed), for reading agency names.

An agency's full name starts with its place (``无锡市互联网信息办公室``, ``和田地区…``), and the words that
precede a name in prose (``将``, ``对``, ``和`` …) are also the first characters of some places. Knowing
the places keeps a prose-prefix strip from cutting into one.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ingestion.extract.subjects import SEEDS_DIR

SEED = "admin_divisions.csv"


@lru_cache(maxsize=1)
def place_names(seeds_dir: Path = SEEDS_DIR) -> tuple[str, ...]:
    """Every full name and short form of a division, longest first."""
    names: set[str] = set()
    with (seeds_dir / SEED).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names.update(name for name in (row["name"], row["short_name"]) if name and len(name) >= 2)
            former = (row.get("former_names") or "").replace(";", "|")
            names.update(name for name in former.split("|") if len(name) >= 2)
    return tuple(sorted(names, key=len, reverse=True))


def starts_with_place(text: str) -> bool:
    return text.startswith(place_names())
