"""Dump every staging frame ``ingest_document`` makes of each file, or compare two such dumps.

A change meant to make parsing faster must not change one extracted row. Dump the frames with the code
before and after the change and compare; unlike ``tools.compare_marts`` this needs no warehouse build,
and it compares dtypes and row order too:

    python -m tools.compare_frames dump /tmp/before [files or folders …]   # on the old code
    python -m tools.compare_frames dump /tmp/after [files or folders …]    # on the new code
    python -m tools.compare_frames diff /tmp/before /tmp/after

The default inputs are the samples, the real PDFs and the web excerpts. Each file gets a folder with
its documents row (as JSON, without the columns that say when it was read) and one pickle of its
frames. Exit code 1 when anything differs, with each difference printed.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [
    PROJECT_ROOT / "warehouse" / "samples",
    PROJECT_ROOT.parent / "shared" / "corpus" / "pdf",
    PROJECT_ROOT.parent / "shared" / "corpus" / "web",
]
VOLATILE = {"ingested_at", "file_modified_at"}
SUFFIXES = {".pdf", ".txt", ".docx", ".html", ".htm"}


def _files(inputs: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in inputs:
        found += sorted(p for p in path.iterdir() if p.suffix in SUFFIXES) if path.is_dir() else [path]
    return found


def dump(out_dir: Path, inputs: list[Path]) -> int:
    from ingestion.pipeline import ingest_document

    for path in _files(inputs):
        result = ingest_document(path)
        row = {key: value for key, value in result.document_row.items() if key not in VOLATILE}
        target = out_dir / path.name
        target.mkdir(parents=True, exist_ok=True)
        (target / "row.json").write_text(json.dumps(row, ensure_ascii=False, indent=1, default=str), "utf-8")
        (target / "frames.pkl").write_bytes(pickle.dumps(result.frames))
        print(f"{path.name}: {row['status']}, {sum(len(frame) for frame in result.frames.values())} rows")
    return 0


def diff(before: Path, after: Path) -> int:
    differences = 0
    names = sorted(entry.name for entry in before.iterdir())
    if names != sorted(entry.name for entry in after.iterdir()):
        print("the two dumps hold different files")
        differences += 1
    for name in names:
        if not (after / name).is_dir():
            continue
        if (before / name / "row.json").read_text("utf-8") != (after / name / "row.json").read_text("utf-8"):
            print(f"{name}: documents row differs")
            differences += 1
        old = pickle.loads((before / name / "frames.pkl").read_bytes())
        new = pickle.loads((after / name / "frames.pkl").read_bytes())
        for frame in sorted(set(old) | set(new)):
            try:
                pd.testing.assert_frame_equal(old[frame], new[frame], check_exact=True)
            except (KeyError, AssertionError) as error:
                print(f"{name}: {frame} differs: {str(error)[:300]}")
                differences += 1
    print(f"compared {len(names)} files: {differences} differences")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out_dir", type=Path)
    dumping.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    diffing = commands.add_parser("diff")
    diffing.add_argument("before", type=Path)
    diffing.add_argument("after", type=Path)
    arguments = parser.parse_args(argv)
    if arguments.command == "dump":
        return dump(arguments.out_dir, arguments.inputs)
    return diff(arguments.before, arguments.after)


if __name__ == "__main__":
    sys.exit(main())
