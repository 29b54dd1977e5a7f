"""Benchmark: build a warehouse of N distinct synthetic disclosures, then a run with no new file, then one more.

    python -m tools.bench_corpus --documents 1000 [--pdf-share 0.2] [--workdir /tmp/bench_corpus]
    make bench-corpus N=1000

The documents are the five text samples with another place name (from the admin_divisions seed) and
their years shifted, so each has its own agency, year and kind (nothing supersedes anything), plus a
share of PDFs from the fixture generator in the layouts seen in the wild, each with its own agency.
Every measured run is ``python -m orchestration.build_warehouse`` in a fresh process against a
private warehouse and Dagster instance, as ``make run`` does it. Printed per run: wall seconds,
documents per minute, CPU utilisation (CPU seconds of the whole process tree / wall seconds / cores)
and peak memory (the process tree's summed resident set, sampled every 0.2 s), in all and per step
(:mod:`tools.memory_trace`: which step, and which processes — the build, parse workers, dbt — held it).
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tools.memory_trace import MemoryTrace, describe_peaks, peaks_by_window, run_windows

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLES = PROJECT_ROOT / "warehouse" / "samples"
SAMPLE_PLACES = {  # the place name each sample's agency is named after
    "000_861be3b78a25d240.txt": "厦门",
    "001_95ce8eaf8f51288c.txt": "满城",
    "002_66fc563714229e96.txt": "巴中",
    "003_f78c40e0b2b09fab.txt": "株洲",
    "004_90cf9a3d42cd3c40.txt": "那曲",
}
# The city a sample names before its place (保定市满城区): a variant names its own place's city there, so
# each generated agency lies in its place's division. Left as 保定市, every variant of that sample was one
# more 网信办 of 保定市 (1,993 at 10,000 documents, where a real city has one per district), and an added
# document among them changed ~2,000 agency-identity pairs and pages: a cost of the generator, not of the data.
SAMPLE_CITIES = {"001_95ce8eaf8f51288c.txt": "保定市"}
YEAR = re.compile(r"(20[0-3]\d)(?=年)")
YEAR_SHIFTS = range(0, -12, -1)  # 2020 → 2020, 2019, …: years the reference classifications cover
ORDINALS = "甲乙丙丁戊己庚辛壬癸"  # tells generated agencies apart: a digit would stop the name being recognised
RUN_SECONDS = re.compile(r"^run: \w+ in ([\d.]+) s", re.MULTILINE)
RUN_ID = re.compile(r"\(run id ([0-9a-f-]+)\)")


def _division_rows() -> list[dict[str, str]]:
    with (PROJECT_ROOT / "dbt_project" / "seeds" / "admin_divisions.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def place_names() -> list[str]:
    names = {row["short_name"] for row in _division_rows() if row["short_name"]}
    return sorted(names - set(SAMPLE_PLACES.values()))


@functools.cache
def place_cities() -> dict[str, str]:
    """The city of each place name (the first division of that short name in the seed)."""
    cities: dict[str, str] = {}
    for row in _division_rows():
        if row["short_name"] and row["city"]:
            cities.setdefault(row["short_name"], row["city"])
    return cities


def text_variant(index: int, places: list[str]) -> tuple[str, str]:
    """The ``index``-th distinct text document: (file name, content)."""
    samples = sorted(SAMPLE_PLACES)
    sample = samples[index % len(samples)]
    place = places[(index // len(samples)) % len(places)]
    shift = YEAR_SHIFTS[(index // (len(samples) * len(places))) % len(YEAR_SHIFTS)]
    content = (SAMPLES / sample).read_text(encoding="utf-8").replace(SAMPLE_PLACES[sample], place)
    if sample in SAMPLE_CITIES:
        content = content.replace(SAMPLE_CITIES[sample], place_cities().get(place, SAMPLE_CITIES[sample]))
    content = YEAR.sub(lambda match: str(int(match.group(1)) + shift), content)
    return f"t{index:06d}_{sample}", content


def _fixture_module():
    """The PDF fixture generator, wherever it lives (tools/fixtures or tests/fixtures)."""
    for name in ("tools.fixtures.disclosure_pdf", "tests.fixtures.disclosure_pdf"):
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError:
            continue
    raise SystemExit("no PDF fixture generator found (tools/fixtures or tests/fixtures)")


def write_pdf_variant(index: int, places: list[str], directory: Path) -> Path:
    """The ``index``-th distinct generated PDF, with its own agency name and layout."""
    module = _fixture_module()
    layouts = sorted(module.LAYOUTS)
    place = places[index % len(places)]
    module.AGENCY = f"{place}市测试{ORDINALS[(index // len(places)) % len(ORDINALS)]}区财政局"
    path = directory / f"p{index:06d}.pdf"
    module.render_disclosure(path, layouts[index % len(layouts)])
    return path


def generate(directory: Path, count: int, pdf_share: float, start: int = 0) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    places = place_names()
    pdf_every = round(1 / pdf_share) if pdf_share > 0 else 0
    for index in range(start, start + count):
        if pdf_every and index % pdf_every == 0:
            write_pdf_variant(index // pdf_every, places, directory)
        else:
            name, content = text_variant(index, places)
            (directory / name).write_text(content, encoding="utf-8")


@dataclass
class Measured:
    wall: float
    cpu: float
    peak_mb: float
    returncode: int
    run_seconds: float | None  # the Dagster run alone, without starting Python and importing the definitions
    load: str = ""  # the machine's load averages when the run ended (other work shares the cores)
    steps: str = ""  # seconds per step of the run, from the Dagster instance
    memory: str = ""  # peak memory in each step (and before / after the steps), by kind of process

    def describe(self, label: str, documents: int | None = None) -> str:
        cores = os.cpu_count() or 1
        rate = f", {documents * 60 / self.wall:.0f} documents/min" if documents else ""
        status = "" if self.returncode == 0 else f"  (FAILED, exit {self.returncode})"
        run = f" (run {self.run_seconds:.1f} s)" if self.run_seconds is not None else ""
        return (
            f"{label:<24} {self.wall:7.1f} s wall{run}{rate}, CPU {self.cpu / self.wall / cores:.0%} of {cores} "
            f"cores, peak {self.peak_mb:.0f} MB, load {self.load}{status}\n{'':<24} steps: {self.steps}"
            f"\n{'':<24} peak memory by step: {self.memory}"
        )


def step_windows(dagster_home: Path, run_id: str) -> list[tuple[str, float, float]]:
    """(step, start, end) of each step of the run (wall-clock seconds), read from the instance it was recorded in."""
    code = (
        "import sys, json, dagster as dg\n"
        "starts, out = {}, []\n"
        "T = dg.DagsterEventType\n"
        "kinds = {T.STEP_START, T.STEP_SUCCESS, T.STEP_FAILURE}\n"
        "for e in dg.DagsterInstance.get().all_logs(sys.argv[1], of_type=kinds):\n"
        "    if e.dagster_event.event_type == T.STEP_START: starts[e.step_key] = e.timestamp\n"
        "    elif e.step_key in starts: out.append((e.step_key, starts[e.step_key], e.timestamp))\n"
        "print(json.dumps(out))\n"
    )
    environment = dict(os.environ, DAGSTER_HOME=str(dagster_home))
    done = subprocess.run([sys.executable, "-c", code, run_id], env=environment, capture_output=True, text=True)
    try:
        return [tuple(step) for step in json.loads(done.stdout)]
    except ValueError:
        print(" ".join(done.stderr.strip().splitlines()[-1:]), file=sys.stderr)
        return []


def environment(workdir: Path) -> dict[str, str]:
    return dict(
        os.environ,
        BUDGET_INBOX_DIRS=str(workdir / "inbox"),
        BUDGET_DUCKDB_PATH=str(workdir / "warehouse" / "budget.duckdb"),
        DAGSTER_HOME=str(workdir / "dagster_home"),
        DO_NOT_TRACK="1",
    )


def use_project_instance_settings(workdir: Path, project: Path) -> None:
    """Give the workdir's Dagster instance the settings of ``project``'s (``dagster_home/dagster.yaml``), as
    ``make run`` has them: the event log storage is part of what a run costs."""
    settings = project / "dagster_home" / "dagster.yaml"
    home = workdir / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    if settings.exists():
        shutil.copyfile(settings, home / "dagster.yaml")
    else:
        (home / "dagster.yaml").unlink(missing_ok=True)


def run_build(environment: dict[str, str], log: Path, cwd: Path = PROJECT_ROOT) -> Measured:
    before = os.times()
    started, started_wall = time.monotonic(), time.time()
    offset = log.stat().st_size if log.exists() else 0
    with log.open("a", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "orchestration.build_warehouse"],
            cwd=cwd,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        trace = MemoryTrace(process.pid, lambda: process.poll() is None)
        trace.start()
        process.wait()
        trace.join()
    wall, ended_wall = time.monotonic() - started, time.time()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    with log.open(encoding="utf-8") as output:
        output.seek(offset)
        text = output.read()
    match, run_id = RUN_SECONDS.search(text), RUN_ID.search(text)
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    steps = step_windows(Path(environment["DAGSTER_HOME"]), run_id.group(1)) if run_id else []
    peaks = peaks_by_window(trace.samples, run_windows(steps, started_wall, ended_wall))
    return Measured(
        wall,
        cpu,
        trace.peak_mb,
        process.returncode,
        float(match.group(1)) if match else None,
        load,
        " ".join(f"{name}={end - start:.1f}" for name, start, end in steps),
        describe_peaks(peaks),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", "-n", type=int, default=100)
    parser.add_argument("--pdf-share", type=float, default=0.2, help="share of generated PDFs (default 0.2)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench_corpus"))
    arguments = parser.parse_args(argv)
    workdir: Path = arguments.workdir
    shutil.rmtree(workdir, ignore_errors=True)
    inbox = workdir / "inbox"
    started = time.monotonic()
    generate(inbox, arguments.documents, arguments.pdf_share)
    pdfs = len(list(inbox.glob("*.pdf")))
    print(f"generated {arguments.documents} documents ({pdfs} PDFs) in {time.monotonic() - started:.0f} s: {inbox}")
    use_project_instance_settings(workdir, PROJECT_ROOT)
    settings = environment(workdir)
    log = workdir / "runs.log"
    print(run_build(settings, log).describe("full build", arguments.documents), flush=True)
    print(run_build(settings, log).describe("no-change run"), flush=True)
    generate(inbox, 1, 0.0, start=arguments.documents)
    print(run_build(settings, log).describe(f"add one to {arguments.documents}"), flush=True)
    database = workdir / "warehouse" / "budget.duckdb"
    print(f"warehouse file: {database.stat().st_size / 2**20:.1f} MB; run logs: {log}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
