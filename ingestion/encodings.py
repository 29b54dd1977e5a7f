"""Bytes → text for text and HTML disclosures, whatever encoding the portal published them in.

Portals still publish GBK/GB2312 pages and text exports, Word's "Unicode text" export is UTF-16, and
Hong Kong/Taiwan-sourced material is Big5. Reading a GBK file as UTF-8 with replacement characters
produces a second, garbled copy of a disclosure; rejecting UTF-16 loses it. The order of evidence:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32) is authoritative;
2. a charset the document declares (HTML ``<meta charset>``), if the bytes decode with it;
3. strict UTF-8 (most files today);
4. otherwise `charset-normalizer` chooses among the East Asian encodings and BOM-less UTF-16, by how
   plausible the decoded text is; GB2312/GBK always decode as GB18030, their superset;
5. as a last resort GB18030 with replacement characters, so a reader never fails on encoding alone.
"""

from __future__ import annotations

import codecs

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "euc_cn", "gb18030", "hz-gb-2312"}
_BIG5_FAMILY = {"big5", "big5-hkscs", "big5hkscs", "cp950", "x-x-big5"}
CANDIDATES = ["gb18030", "big5hkscs", "utf_16_le", "utf_16_be"]
_DETECTION_SAMPLE = 1 << 20  # charset-normalizer needs a sample, not a 50 MB file


def normalize_encoding(name: str | None) -> str | None:
    """A codec Python knows, with the GB and Big5 families mapped to their supersets; None if unknown."""
    if not name:
        return None
    lowered = name.strip().lower().replace("_", "-")
    if lowered in _GB_FAMILY or lowered.replace("-", "") in {"gbk", "gb2312", "cp936", "gb18030"}:
        return "gb18030"
    if lowered in _BIG5_FAMILY:
        return "big5hkscs"
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return None


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """``(codec, bom length)`` when the data starts with a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def detect_encoding(data: bytes, declared: str | None = None) -> str:
    """The codec to decode ``data`` with (see the module docstring for the order of evidence)."""
    bom = bom_encoding(data)
    if bom:
        return bom[0]
    sample = data[:_DETECTION_SAMPLE]
    for encoding in (normalize_encoding(declared), "utf-8"):
        if encoding and _decodes(sample, encoding):
            return encoding
    guessed = _guess(sample)
    return guessed or "gb18030"


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``; never raises (characters that fit no encoding become U+FFFD)."""
    bom = bom_encoding(data)
    if bom:
        return data[bom[1] :].decode(bom[0], errors="replace")
    return data.decode(detect_encoding(data, declared), errors="replace")


def looks_like_utf16(head: bytes) -> bool:
    """BOM-less UTF-16: digits, tabs and newlines leave NUL bytes at every other position, and only there."""
    if len(head) < 4 or b"\x00" not in head:
        return False
    sample = head[: len(head) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    high, low = max(even, odd), min(even, odd)
    if high < max(4, len(sample) // 80) or low > high // 5:  # CJK code points end in 00 now and then
        return False
    return _decodes(sample, "utf-16-le" if odd > even else "utf-16-be")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError as error:
        return error.start >= len(data) - 4  # a multi-byte character cut at the end of the sample
    except LookupError:
        return False


def _guess(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    if looks_like_utf16(sample[:4096]):
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    best = from_bytes(sample, cp_isolation=CANDIDATES, preemptive_behaviour=False).best()
    return normalize_encoding(best.encoding) if best is not None else None
