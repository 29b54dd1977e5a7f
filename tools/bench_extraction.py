"""Benchmark: what the structure and wording readers add to extraction, per document.

    python -m tools.bench_extraction [files or folders …] [--repeat 3]

Each document is read once (the reader's cost is not extraction's); then, the fastest of
``--repeat`` runs each, the seconds of the facts extraction without the two readers
(``ingestion.pipeline.extract_facts`` minus them: tables, code lines, prose, ratios, empty-table
statements) and of the two readers (``ingestion.extract.structure`` and ``ingestion.extract.wording``).
Prints one line per document and the mean seconds per document before and after.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ingestion.extract.metadata import extract_metadata
from ingestion.extract.structure import extract_sections
from ingestion.extract.wording import extract_sentence_flags
from ingestion.pipeline import extract_facts
from ingestion.readers import file_sha256, read_document
from ingestion.readers.web_forms import prepare

DEFAULT_INPUTS = [
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdf",
    Path(__file__).resolve().parents[1] / "warehouse" / "samples",
]


def _fastest(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _files(inputs: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in inputs:
        found += sorted(p for p in path.iterdir() if p.suffix in {".pdf", ".txt"}) if path.is_dir() else [path]
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    totals = [0.0, 0.0]
    files = _files(args.inputs)
    print(f"{'document':<55} {'before s':>9} {'readers s':>9} {'after s':>9}")
    for path in files:
        document, _ = prepare(read_document(path, file_sha256(path)))
        metadata = extract_metadata(document)
        after = _fastest(lambda: extract_facts(document, metadata), args.repeat)  # noqa: B023
        added = _fastest(lambda: (extract_sections(document), extract_sentence_flags(document)), args.repeat)  # noqa: B023
        totals[0] += after - added
        totals[1] += after
        print(f"{path.name[:55]:<55} {after - added:9.3f} {added:9.3f} {after:9.3f}")
    count = max(len(files), 1)
    print(f"mean seconds per document over {len(files)}: before {totals[0] / count:.3f}, after {totals[1] / count:.3f}")


if __name__ == "__main__":
    main()
