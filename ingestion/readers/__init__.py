"""Format adapters: every reader turns one file into a :class:`~ingestion.document.Document`.

``read_document`` decides the format from the file's bytes (magic numbers), not its extension, so a
PDF saved as ``.txt`` is still read as a PDF and a renamed image is rejected with a clear reason.
Each reader feeds the shared :class:`~ingestion.document.DocumentBuilder`; none interprets numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ingestion.document import Document
from ingestion.encodings import bom_encoding, looks_like_utf16
from ingestion.errors import EmptyFile, ResourceLimitExceeded, UnsupportedFormat

Reader = Callable[[Path, str], Document]
# A text or HTML disclosure is at most a few MB (the largest portal page seen, images inlined, is ~15 MB);
# reading 200 MB of text would take minutes and gigabytes before failing anyway.
MAX_MARKUP_BYTES = 64 * 1024 * 1024


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff_format(path: Path) -> str:
    """``pdf``/``docx``/``html``/``txt`` from the first bytes; ``unknown`` for anything else."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head:
        return "unknown"
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if path.suffix.lower() in {".docx", ""} or b"word/" in _zip_names(path) else "unknown"
    text_head = _unicode_head(head)
    if text_head is not None:
        lowered = text_head.lstrip("\ufeff \r\n\t").lower().encode("utf-8", errors="ignore")
    else:
        lowered = head.lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered or b"<table" in lowered:
        return "html"
    if text_head is not None or _looks_like_text(head):
        return "txt"
    return "unknown"


def _unicode_head(head: bytes) -> str | None:
    """The head decoded when it is UTF-16/32 (BOM or the NUL pattern of BOM-less UTF-16), else None."""
    bom = bom_encoding(head)
    if bom and bom[0] != "utf-8":
        return head[bom[1] :].decode(bom[0], errors="ignore")
    if looks_like_utf16(head):
        return head.decode("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be", errors="ignore")
    return None


def _zip_names(path: Path) -> bytes:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return " ".join(archive.namelist()).encode()
    except zipfile.BadZipFile:
        return b""


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030", "big5hkscs"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 4:  # a multi-byte character cut at the end of the sample
                return True
    return False


def _reader_for(source_format: str) -> Reader:
    # Imported lazily: a text-only run should not pay for pdfplumber or python-docx imports.
    if source_format == "txt":
        from ingestion.readers.text import read_text

        return read_text
    if source_format == "pdf":
        from ingestion.readers.pdf import read_pdf

        return read_pdf
    if source_format == "docx":
        from ingestion.readers.docx import read_docx

        return read_docx
    if source_format == "html":
        from ingestion.readers.html import read_html

        return read_html
    raise KeyError(source_format)


def read_document(path: Path, sha256: str | None = None) -> Document:
    """Read any supported file; raises a :class:`~ingestion.errors.DocumentRejected` subclass otherwise."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise EmptyFile(path.name, "the file is empty (0 bytes); re-download it from the publisher.")
    source_format = sniff_format(path)
    if source_format == "unknown":
        raise UnsupportedFormat(
            path.name,
            "not a PDF, DOCX, HTML or text file; convert it to one of those (scans need OCR first).",
        )
    size = path.stat().st_size
    if source_format in {"txt", "html"} and size > MAX_MARKUP_BYTES:
        raise ResourceLimitExceeded(
            path.name,
            f"a {source_format} file of {size / 1e6:.0f} MB, larger than the {MAX_MARKUP_BYTES / 1e6:.0f} MB any "
            "disclosure needs; it is probably a log or a data dump. Split it, or convert the disclosure to PDF.",
        )
    return _reader_for(source_format)(path, sha256 or file_sha256(path))
