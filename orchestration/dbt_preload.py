"""A dbt process started with the run, so that the dbt step does not wait for Python to import dbt and
for dbt to parse the project.

Importing dbt costs ~2.4 s of CPU (it generates its serialisers when its modules load) and parsing the
project ~1.1 s more, and a dbt step paid both before its first model: over a tenth of an add-one run at
10,000 documents, while the run's first steps (reading the inbox, assembling the staging files) kept only
one of the cores busy. The ``warehouse_build`` resource therefore starts ``python -m
orchestration.dbt_preload SOCKET`` when a run that builds dbt models begins: it listens on a Unix
socket, imports dbt, parses the project (:class:`ParsedAhead`) and waits. The wrapper that dagster-dbt
starts as its dbt executable (``ingestion.process_guard``) hands that process its command line,
environment, working folder and standard streams (the file descriptors themselves, passed over the
socket), forwards the signals it receives, and exits with the status dbt exits with. dbt so writes to the
very pipe dagster-dbt reads, as if the wrapper had become dbt, and runs on the parse done ahead when the
command would parse the same. A process serves one command; without a process to hand over to (another
platform, a run that started none, a process that died) the wrapper becomes dbt itself as before.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingestion.process_guard import die_with_parent, is_running

DBT_STEP = "budget_dbt_models"  # the step of the dbt assets (orchestration/defs/dbt/assets.py)
SOCKET_VARIABLE = "BUDGET_DBT_PRELOADED"  # the socket of this run's preloaded dbt, for the wrapper
STREAMS = (0, 1, 2)
MARKER = b"S"  # the one byte the standard streams travel with; the request follows as one line of JSON
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def hand_over(arguments: list[str]) -> None:
    """In the dbt wrapper: run ``dbt <arguments>`` in the preloaded process and exit with its status.
    Returns (and the wrapper becomes dbt) when there is no preloaded process to take the command."""
    path = os.environ.get(SOCKET_VARIABLE)
    if not path or not hasattr(socket, "send_fds"):
        return
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path)
        socket.send_fds(connection, [MARKER], list(STREAMS))
        request = {"arguments": arguments, "environment": dict(os.environ), "folder": os.getcwd()}
        connection.sendall(json.dumps(request).encode() + b"\n")
        replies = connection.makefile("r", encoding="utf-8")
        pid = int(replies.readline())
    except (OSError, ValueError):
        connection.close()
        return  # nobody listening (or it died before taking the command): become dbt
    for number in FORWARDED_SIGNALS:  # dagster-dbt interrupts a step with SIGINT to the executable
        signal.signal(number, lambda received, _frame: os.kill(pid, received))
    status = replies.readline().strip()
    if not status.lstrip("-").isdigit():
        print(f"the preloaded dbt process (pid {pid}) ended without an exit status", file=sys.stderr)
        os._exit(2)
    os._exit(int(status))


PARTIAL_PARSE = "partial_parse.msgpack"  # dbt's saved parse, which it starts from when its inputs allow
# dbt commands that parse the project (the others, such as --version, run as dbt's command line runs them)
PARSING_COMMANDS = frozenset({"build", "run", "test", "seed", "snapshot", "compile", "ls", "list", "show"})
# options that would make dbt parse another project, or this one with other inputs
PARSE_CHANGING_OPTIONS = ("--vars", "--project-dir", "--profiles-dir", "--profile", "--target", "-t")


@dataclass(frozen=True)
class ParsedAhead:
    """dbt's parse of the project (~1.1 s: the kept partial parse loaded, every project file checked), done
    while the process waits, with the environment the run has when it starts. The command is given it only
    when nothing it would parse differently has changed since: the same project files and reference lists
    (the models' fingerprint), the same values of the variables the project reads (dbt records them) and of
    the warehouse's own (``BUDGET_*``), the project's folder, and no option naming other inputs."""

    manifest: Any
    environment: dict[str, str]
    fingerprint: str

    @classmethod
    def parse(cls, target: Path, build_target: Path | None) -> ParsedAhead | None:
        """Parse into ``target``, from the partial parse the build's dbt target folder keeps (that of the
        project when it has none, as dagster-dbt does), and keep the result there for the next run."""
        from dbt.cli.main import dbtRunner

        from orchestration.build_state import models_fingerprint
        from orchestration.dbt_manifest import DBT_PROJECT_DIR
        from orchestration.defs.build.reuse import new_file

        target.mkdir(exist_ok=True)
        kept = [folder / PARTIAL_PARSE for folder in (build_target, DBT_PROJECT_DIR / "target") if folder]
        for path in kept:
            if path.exists():
                shutil.copyfile(path, target / PARTIAL_PARSE)
                break
        fingerprint = models_fingerprint()
        project = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
        places = ["--target-path", str(target), "--log-path", str(target)]
        result = dbtRunner().invoke(["parse", *project, *places, "--no-write-json", "--quiet"])
        if not result.success:
            return None
        if build_target is not None and build_target.is_dir():  # a command run on this manifest parses nothing
            with new_file(build_target / PARTIAL_PARSE) as partial:
                shutil.copyfile(target / PARTIAL_PARSE, partial)
        return cls(result.result, dict(os.environ), fingerprint)

    def manifest_for(self, arguments: list[str], folder: str) -> Any:
        """The manifest, when the command (``arguments``, run in ``folder`` with this process's environment,
        now the wrapper's) would parse the same; else ``None`` (dbt parses)."""
        from orchestration.build_state import models_fingerprint
        from orchestration.dbt_manifest import DBT_PROJECT_DIR

        if not arguments or arguments[0] not in PARSING_COMMANDS:
            return None
        if any(argument.split("=", 1)[0] in PARSE_CHANGING_OPTIONS for argument in arguments):
            return None
        project = os.environ.get("DBT_PROJECT_DIR", folder)
        if Path(project).resolve() != DBT_PROJECT_DIR.resolve() or Path(folder).resolve() != DBT_PROJECT_DIR.resolve():
            return None
        read = set(self.manifest.env_vars) | {
            name for name in (*self.environment, *os.environ) if name.startswith("BUDGET_")
        }
        read.discard(SOCKET_VARIABLE)  # set for the wrapper once this process was started
        if any(self.environment.get(name) != os.environ.get(name) for name in read):
            return None
        return self.manifest if models_fingerprint() == self.fingerprint else None


def serve(path: str, listening: int, build_target: Path | None = None) -> None:
    """The preloaded process: import dbt, parse the project, take the one command handed over on the socket
    listening at file descriptor ``listening`` (bound to ``path``), run it, exit with its status."""
    die_with_parent()
    listener = socket.socket(fileno=listening)
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()  # dbt's semaphores start it: now, so it never holds dagster-dbt's pipe
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager  # the adapter the profile names

    parsed = ParsedAhead.parse(Path(path).parent / "target", build_target)
    connection, _ = listener.accept()
    listener.close()
    os.unlink(path)  # one command per process: the next wrapper finds nobody and becomes dbt itself
    _, descriptors, _, _ = socket.recv_fds(connection, len(MARKER), len(STREAMS))  # not a byte of the request
    request = json.loads(connection.makefile("r", encoding="utf-8").readline())
    for descriptor, stream in zip(descriptors, STREAMS, strict=True):
        os.dup2(descriptor, stream)
        os.close(descriptor)
    os.chdir(request["folder"])
    os.environ.clear()
    os.environ.update(request["environment"])
    sys.stdout.reconfigure(line_buffering=True)  # dagster-dbt reads dbt's events line by line, as they come
    connection.sendall(f"{os.getpid()}\n".encode())
    arguments = request["arguments"]
    sys.argv = ["dbt", *arguments]
    manifest = parsed.manifest_for(arguments, request["folder"]) if parsed is not None else None
    status = _run_dbt(arguments, manifest)
    # What dbt-duckdb does at exit, done now: the warehouse file is free when the next step opens it.
    DuckDBConnectionManager.close_all_connections()
    gc.collect()
    sys.stdout.flush()
    sys.stderr.flush()
    # Let go of dagster-dbt's pipe, then report: dagster-dbt reads to the end of dbt's output the moment
    # the wrapper exits, while this process shuts dbt down (~0.5 s) as its own process would.
    quiet = os.open(os.devnull, os.O_RDWR)
    for stream in STREAMS:
        os.dup2(quiet, stream)
    connection.sendall(f"{status}\n".encode())
    sys.exit(status)


def _run_dbt(arguments: list[str], manifest) -> int:
    """``dbt <arguments>`` in this process, with the project's manifest when it was parsed ahead; the exit
    status dbt's command line gives (0 done, 1 a node failed, 2 dbt failed)."""
    from dbt.cli.main import cli, dbtRunner

    if manifest is not None:
        result = dbtRunner(manifest=manifest).invoke(arguments)
        return 0 if result.success else (1 if result.exception is None else 2)
    try:
        cli.main(args=arguments, prog_name="dbt")
        return 0
    except SystemExit as ended:  # click ends dbt's command line with sys.exit(status)
        return ended.code if isinstance(ended.code, int) else (0 if ended.code is None else 1)
    except Exception:  # noqa: BLE001 - dbt's own process would print it and fail the same way
        traceback.print_exc()
        return 1


# Documents: a run that has more to parse stops its preloaded dbt (PreloadedDbt.stop_if_parsing). Its parse and
# staging assembly are then the build's memory peak (~1.8 GB at 10,000 documents), which the ~200 MB of an
# idle dbt would only raise, and ~3.5 s saved are nothing beside them; an add-one run parses one.
PARSE_LIMIT = 200


FOLDER_PREFIX = "budget-dbt-"  # then the pid of the process that made it


def remove_stale_folders(directory: Path | None = None) -> list[Path]:
    """Remove the socket folders of processes that are gone: a run killed outright (SIGKILL, a power cut)
    never removes its own, and its preloaded process died with it."""
    removed = []
    for folder in Path(directory or tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        owner = folder.name[len(FOLDER_PREFIX) :].split("-", 1)[0]
        if owner.isdigit() and not is_running(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class PreloadedDbt:
    """The process, its socket, and the variable that points the wrapper at it while it is there."""

    def __init__(self, build_target: Path | None) -> None:
        remove_stale_folders()
        # short (a socket's path has at most 107 bytes), and named by this process for remove_stale_folders
        self.folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        self.socket = self.folder / "dbt.socket"
        root = str(Path(__file__).resolve().parent.parent)
        path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
        target = [str(build_target)] if build_target else []
        # Listening before the process starts: a wrapper that comes early waits in the queue for it to take the
        # command, and one that comes after it died finds the socket closed (only the process holds it) and
        # runs dbt itself.
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
            listener.bind(str(self.socket))
            listener.listen(1)
            listening = str(listener.fileno())
            self.process = subprocess.Popen(
                [sys.executable, "-m", "orchestration.dbt_preload", str(self.socket), listening, *target],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # until it takes dbt's streams; should it fail, the wrapper runs dbt
                env={**os.environ, "PYTHONPATH": path},
                cwd=root,
                pass_fds=(listener.fileno(),),
            )
        self._saved = os.environ.get(SOCKET_VARIABLE)
        os.environ[SOCKET_VARIABLE] = str(self.socket)

    def stop(self) -> None:
        """Forget the process (the wrapper runs dbt itself from now on) and end it, unless it ended."""
        if os.environ.get(SOCKET_VARIABLE) == str(self.socket):
            if self._saved is None:
                os.environ.pop(SOCKET_VARIABLE, None)
            else:
                os.environ[SOCKET_VARIABLE] = self._saved
        if self.process.poll() is None:
            self.process.kill()  # never handed a command (dbt had nothing to do), or the run ended without it
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def stop_if_parsing(self, documents: int) -> bool:
        """Stop when the run has more than ``PARSE_LIMIT`` documents to parse; True when it did now."""
        if documents <= PARSE_LIMIT or SOCKET_VARIABLE not in os.environ or self.process.poll() is not None:
            return False
        self.stop()
        return True


@contextlib.contextmanager
def preloaded_dbt(build_target: Path | None = None) -> Iterator[PreloadedDbt | None]:
    """A preloaded dbt for the block, stopped and forgotten after. ``build_target`` is the dbt target folder
    the build's commands use (its partial parse is where parsing starts). Yields ``None`` where file
    descriptors cannot be passed."""
    if not hasattr(socket, "send_fds") or not sys.platform.startswith("linux"):
        yield None
        return
    preloaded = PreloadedDbt(build_target)
    try:
        yield preloaded
    finally:
        preloaded.stop()


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
