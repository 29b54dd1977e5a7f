"""Benchmark: ingest a batch of generated malformed files and print what happened to each, and memory.

    python -m tools.bad_file_batch [--huge-mb 200] [--bomb-mb 2500] [--keep DIR]

The batch: a zip-bomb .docx, a text file of ``--huge-mb`` MB, a .docx with a corrupt deflate stream,
an HTML page nested 100,000 deep, GBK / UTF-16 / Big5 copies, and one good sample. For every file it
prints status, reason and seconds; then the main process's peak resident set (``ru_maxrss``: the
figure the limits are meant to bound) before and after the batch; reader workers are capped at 2 GB
of address space each and are not counted here.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from ingestion.pipeline import discover_documents, ingest_document
from tests.conftest import SAMPLE_FILES, SAMPLES
from tests.fixtures import bad_files


def _generate(folder: Path, huge_mb: int, bomb_mb: int) -> None:
    bad_files.zip_bomb_docx(folder / "a_zip_bomb.docx", inflated_mb=bomb_mb)
    bad_files.huge_text(folder / "b_huge.txt", megabytes=huge_mb)
    bad_files.corrupt_deflate_docx(folder / "c_corrupt_deflate.docx")
    bad_files.deeply_nested_html(folder / "d_nested_100000.html")
    bad_files.encoded_copy(folder / "e_gbk.txt", "gbk")
    bad_files.encoded_copy(folder / "f_utf16.txt", "utf-16-le", bom=True)
    bad_files.encoded_copy(
        folder / "g_big5.txt", "big5", text="中共株洲市委網絡安全和信息化委員會辦公室2020年部門預算\n"
    )
    (folder / "h_good.txt").write_bytes((SAMPLES / SAMPLE_FILES["nagqu"]).read_bytes())


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--huge-mb", type=int, default=200)
    parser.add_argument("--bomb-mb", type=int, default=2500)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        _generate(folder, args.huge_mb, args.bomb_mb)
        before = _peak_mb(resource.RUSAGE_SELF)
        print(f"{'file':<26} {'status':<10} {'reason':<18} {'seconds':>8}")
        for path in discover_documents([folder]):
            began = time.perf_counter()
            row = ingest_document(path).document_row
            print(f"{path.name:<26} {row['status']:<10} {row['rejection_reason'] or '':<18} "
                  f"{time.perf_counter() - began:>8.2f}")  # fmt: skip
        print(f"main process peak RSS: {before:.0f} MB before the batch, {_peak_mb(resource.RUSAGE_SELF):.0f} MB after")


if __name__ == "__main__":
    main()
