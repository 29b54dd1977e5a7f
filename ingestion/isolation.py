"""Read one document in a child process with a memory ceiling and a wall-clock limit.

A 4 KB PDF whose content stream is Flate inside Flate inflates to gigabytes, and pdfminer/PDFium
will try to hold it all; a malformed file can also make a parser loop. Either would take the whole
batch down with it. So every document is parsed in a forked worker whose address space is capped
with ``RLIMIT_AS``; if the worker runs out of memory, crashes, or outlives the timeout it is killed
and the document is rejected with :class:`~ingestion.errors.ResourceLimitExceeded`. A rejection
raised inside the worker (encrypted, no text layer, …) comes back as the same exception type with
the same message; the parsed :class:`~ingestion.document.Document` comes back pickled.

Every format that can blow up is read this way (PDF, DOCX, HTML, and text above
:data:`IN_PROCESS_TEXT_BYTES`). What comes back is capped too (:data:`MAX_RESULT_BYTES` pickled), so the
main process holds at most one such result at a time whatever the file: its peak stays near its own
baseline plus that cap. Any exception in the worker, ``RecursionError`` included, comes back as a
:class:`~ingestion.errors.ReaderFailed` rejection with the last line of the traceback; a worker killed
by a signal (a C stack overflow in lxml, the OOM killer) as :class:`~ingestion.errors.ResourceLimitExceeded`.
Workers die with the process that asked for them (``ingestion.process_guard``).

Workers come from a ``forkserver`` that has already imported the readers and loaded pdfminer's
Chinese character maps (``ingestion.readers.preload``), so starting one costs milliseconds, not a
fresh interpreter, and no reader loads those maps again.
"""

from __future__ import annotations

import multiprocessing
import pickle
import resource
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from ingestion.document import Document
from ingestion.errors import DocumentRejected, ReaderFailed, ResourceLimitExceeded
from ingestion.process_guard import die_with_parent

_PRELOAD = ["ingestion.readers.preload"]  # the readers, and pdfminer's Chinese maps loaded once
_context: multiprocessing.context.BaseContext | None = None
IN_PROCESS_TEXT_BYTES = 2 * 1024 * 1024  # smaller text files are read in-process: nothing to blow up
MAX_RESULT_BYTES = 256 * 1024 * 1024  # a parsed document larger than this, pickled, is no disclosure


def read_document_isolated(
    path: Path, sha256: str | None = None, *, timeout_seconds: float = 180, memory_mb: int = 2048
) -> Document:
    """``ingestion.readers.read_document`` in a worker limited to ``memory_mb`` and ``timeout_seconds``."""
    path = Path(path)
    receiver, sender = _mp_context().Pipe(duplex=False)
    worker = _mp_context().Process(
        target=_work, args=(sender, str(path), sha256, memory_mb), name=f"read {path.name}", daemon=True
    )
    worker.start()
    sender.close()
    try:
        outcome = _wait(receiver, timeout_seconds)
    finally:
        receiver.close()
        _stop(worker)
    return _unpack(outcome, path, worker.exitcode, timeout_seconds, memory_mb)


def _mp_context() -> multiprocessing.context.BaseContext:
    """A forkserver with the readers preloaded (spawn where forkserver does not exist)."""
    global _context
    if _context is None:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(_PRELOAD)
        _context = context
    return _context


def _wait(receiver: Connection, timeout_seconds: float) -> tuple:
    """The worker's message; ``("timeout", None)`` when time ran out, ``("died", None)`` if it crashed."""
    if not receiver.poll(timeout_seconds):
        return "timeout", None
    try:
        return receiver.recv()
    except (EOFError, OSError):
        return "died", None  # the pipe closed without a message: the worker was killed or crashed


def _stop(worker: multiprocessing.Process) -> None:
    if worker.is_alive():
        worker.kill()
    worker.join(5)


def _unpack(outcome: tuple, path: Path, exitcode: int | None, timeout: float, memory_mb: int) -> Document:
    kind, payload = outcome
    if kind == "document":
        return pickle.loads(payload)
    if kind == "rejected":
        raise payload
    if kind == "timeout":
        raise ResourceLimitExceeded(
            path.name,
            f"parsing took longer than {timeout:g} s and was stopped; the file is probably malformed or a "
            "decompression bomb. Re-save it as a new PDF, or raise timeout_seconds for this one file if it "
            "is genuinely huge.",
        )
    if kind == "memory":
        raise ResourceLimitExceeded(path.name, _memory_advice(memory_mb))
    if kind == "died" and exitcode is not None and exitcode < 0:
        advice = _memory_advice(memory_mb)
        raise ResourceLimitExceeded(path.name, f"the reader process died (signal {-exitcode}); {advice}")
    if kind == "died":
        raise ReaderFailed(path.name, f"the reader process exited without a result (exit code {exitcode}).")
    if kind == "too_large":
        raise ResourceLimitExceeded(
            path.name,
            f"the parsed document is {payload / 1e6:.0f} MB, more than the {MAX_RESULT_BYTES / 1e6:.0f} MB a "
            "disclosure can plausibly hold; split the file or check that it is what it claims to be.",
        )
    last_line = payload.strip().splitlines()[-1] if payload.strip() else "unknown error"
    raise ReaderFailed(
        path.name,
        f"the reader failed ({last_line}); the file is probably malformed (e.g. nested too deeply, or a "
        "damaged archive). Open it and save it again, or export it to PDF; if it looks fine, report it.",
    )


def _memory_advice(memory_mb: int) -> str:
    return (
        f"parsing needed more than {memory_mb} MB (a decompression bomb or an enormous embedded stream). "
        "Check the file; if it is a genuine disclosure, re-save it as a new PDF or raise memory_mb for it."
    )


def _work(sender: Connection, path: str, sha256: str | None, memory_mb: int) -> None:
    """Worker body: cap the address space, read, and send back exactly one message."""
    die_with_parent()
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        from ingestion.readers import read_document

        payload = pickle.dumps(read_document(Path(path), sha256), protocol=pickle.HIGHEST_PROTOCOL)
        message: tuple = ("document", payload) if len(payload) <= MAX_RESULT_BYTES else ("too_large", len(payload))
    except MemoryError:
        message = ("memory", None)
    except DocumentRejected as rejection:
        message = ("rejected", rejection)
    except BaseException:  # noqa: BLE001 - RecursionError, zlib.error, anything: reported, never fatal
        message = ("error", traceback.format_exc(limit=-3))
    try:
        sender.send(message)
    except MemoryError:
        sender.send(("memory", None))
    finally:
        sender.close()
