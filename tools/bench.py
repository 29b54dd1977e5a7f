"""Benchmark: our PDF read against a raw pdfplumber pass, on the real corpus and a 300-page document.

    python -m tools.bench [--corpus ../shared/corpus/pdf] [--pages 300] [--repeat 1]

Every measurement runs in a fresh process (``spawn``), so peak memory is that one read's maximum
resident set size (``ru_maxrss`` of the worker) and nothing is warm from the previous run. "ours"
is :func:`ingestion.readers.pdf.read_pdf` (PDFium first pass, pdfplumber's table finder, text
lines and merged tables); "raw" is what the issue names as the baseline: ``extract_text`` and
``extract_tables`` on every page with pdfplumber (closing each page, as our reader does). The two
alternate document by document, and with ``--repeat`` the fastest of the runs is kept, so a busy
machine penalises both the same way.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdf"
PEAK_LIMIT_MB = 500


@dataclass
class Run:
    seconds: float
    pages: int
    peak_mb: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def _ours(path: Path) -> int:
    from ingestion.readers.pdf import read_pdf

    return read_pdf(path, "0" * 64).page_count or 0


def _raw(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def _child(kind: str, path: str, sender) -> None:
    """Worker: import, time one read, report seconds, pages and this process's peak RSS."""
    reader = _ours if kind == "ours" else _raw
    if kind == "ours":
        import ingestion.readers.pdf  # noqa: F401 - imports are not part of the read
    else:
        import pdfplumber  # noqa: F401
    started = time.perf_counter()
    pages = reader(Path(path))
    elapsed = time.perf_counter() - started
    sender.send((elapsed, pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    sender.close()


def measure(kind: str, path: Path) -> Run:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_child, args=(kind, str(path), sender))
    worker.start()
    sender.close()
    seconds, pages, peak = receiver.recv()
    worker.join()
    return Run(seconds, pages, peak)


def best_of(kind: str, path: Path, repeat: int) -> Run:
    runs = [measure(kind, path) for _ in range(repeat)]
    fastest = min(runs, key=lambda run: run.seconds)
    return Run(fastest.seconds, fastest.pages, max(run.peak_mb for run in runs))


def _row(name: str, ours: Run, raw: Run) -> str:
    speedup = raw.seconds / ours.seconds if ours.seconds else float("inf")
    return (
        f"{name[:34]:34} {ours.pages:5d} | {ours.seconds:7.2f} {ours.pages_per_second:7.1f} {ours.peak_mb:7.0f} | "
        f"{raw.seconds:7.2f} {raw.pages_per_second:7.1f} {raw.peak_mb:7.0f} | {speedup:5.2f}x"
    )


def _header() -> str:
    return (
        f"{'document':34} {'pages':>5} | {'ours s':>7} {'pages/s':>7} {'peak MB':>7} | "
        f"{'raw s':>7} {'pages/s':>7} {'peak MB':>7} | speed-up"
    )


def _long_document(folder: Path, pages: int) -> Path:
    try:
        from tools.fixtures.disclosure_pdf import render_long_disclosure
    except ImportError as error:  # run from the repository root, with the dev extras installed
        sys.exit(f"cannot generate the {pages}-page document ({error}); run from the repo root with reportlab")
    path = folder / f"generated_{pages}_pages.pdf"
    render_long_disclosure(path, pages)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of real PDFs")
    parser.add_argument("--pages", type=int, default=300, help="pages of the generated document (0 to skip)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is kept")
    args = parser.parse_args(argv)

    print(_header())
    totals = {"ours": [0.0, 0], "raw": [0.0, 0]}
    corpus = sorted(args.corpus.glob("*.pdf")) if args.corpus.is_dir() else []
    if not corpus:
        print(f"(no corpus at {args.corpus})")
    for path in corpus:
        ours, raw = best_of("ours", path, args.repeat), best_of("raw", path, args.repeat)
        print(_row(path.name, ours, raw), flush=True)
        for kind, run in (("ours", ours), ("raw", raw)):
            totals[kind][0] += run.seconds
            totals[kind][1] += run.pages
    verdicts = []
    if corpus:
        (ours_s, pages), (raw_s, _) = totals["ours"], totals["raw"]
        print(
            f"corpus: {len(corpus)} documents, {pages} pages | ours {ours_s:.2f} s = {pages / ours_s:.1f} pages/s, "
            f"{ours_s / len(corpus):.2f} s/document | raw {raw_s:.2f} s = {pages / raw_s:.1f} pages/s, "
            f"{raw_s / len(corpus):.2f} s/document | speed-up {raw_s / ours_s:.2f}x"
        )
        verdicts.append(("corpus: ours no slower than raw", ours_s <= raw_s))
    if args.pages:
        with tempfile.TemporaryDirectory() as folder:
            path = _long_document(Path(folder), args.pages)
            ours, raw = best_of("ours", path, args.repeat), best_of("raw", path, args.repeat)
            print(_row(path.name, ours, raw))
        verdicts.append((f"{args.pages} pages: ours no slower than raw", ours.seconds <= raw.seconds))
        verdicts.append((f"{args.pages} pages: ours peak under {PEAK_LIMIT_MB} MB", ours.peak_mb < PEAK_LIMIT_MB))
    for label, ok in verdicts:
        print(f"{label}: {'yes' if ok else 'NO'}")
    return 0 if all(ok for _, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
