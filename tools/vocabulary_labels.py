"""Write the dbt seed of the vocabulary's printed names, ``dbt_project/seeds/vocabulary_labels.csv``.

The label macros of the dbt project (``macros/formatting/*_label.sql``) print a key in the documents'
words (``general_public_budget`` → 一般公共预算) by looking it up in this seed; the seed is generated
from the label tables of ``ingestion.vocabulary``, so Python and SQL name a key alike. After changing a
label, run

    python -m tools.vocabulary_labels

and commit the seed; ``tests/tools/test_vocabulary_labels.py`` fails while the two disagree.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from ingestion.vocabulary import amount_kinds, fund_sources, income_sources, measures

SEED = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "vocabulary_labels.csv"
COLUMNS = ("vocabulary_name", "vocabulary_key", "label_zh")
VOCABULARIES = {
    "amount_kind": amount_kinds.LABELS,
    "expense_type": measures.EXPENSE_TYPE_LABELS,
    "fund_source": fund_sources.LABELS,
    "income_source": income_sources.LABELS,
    "measure": measures.MEASURE_LABELS,
    "prose_expense_scope": measures.PROSE_SCOPE_LABELS,
    "three_public_category": measures.THREE_PUBLIC_LABELS,
}


def rows() -> list[tuple[str, str, str]]:
    """One row per labelled key (a key without a label prints as itself, so it has no row)."""
    return [
        (name, key, label)
        for name, labels in VOCABULARIES.items()
        for key, label in labels.items()
        if label is not None
    ]


def seed_text() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows())
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.vocabulary_labels", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed seed is out of date")
    args = parser.parse_args(argv)
    text = seed_text()
    if args.check:
        current = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
        if current != text:
            print(f"{SEED} is out of date: run python -m tools.vocabulary_labels")
            return 1
        return 0
    SEED.write_text(text, encoding="utf-8")
    print(f"wrote {len(text.splitlines()) - 1} labels to {SEED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
