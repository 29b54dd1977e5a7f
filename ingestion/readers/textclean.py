"""Text clean-up shared by the PDF, DOCX and HTML readers: NFKC and the spacing habits of Chinese layouts.

Producers space out short headers to fill a cell ("一 般 公 共 预 算", "合 计") and wrap long cell
texts over several lines ("本年收入合\\n计"). Readers undo exactly that, and nothing else: numbers,
thousands separators and blank marks (``-``, ``—``, ``0.00``) are kept as printed, because
interpreting them is the extractor's job.
"""

from __future__ import annotations

import re
import unicodedata

# Ideographs plus the punctuation that sits between them; NFKC has already turned full-width
# brackets and colons into their ASCII forms, so both spellings are listed.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "()（）、，。：:；;“”‘’《》【】"
_TIGHT = f"[{_CJK}{re.escape(_CJK_PUNCT)}]"
_SPACE_BETWEEN_TIGHT = re.compile(rf"(?<={_TIGHT}) +(?={_TIGHT})")
_SPACED_RUN = re.compile(rf"[{_CJK}](?: [{_CJK}]){{2,}}")
_BLANKS = re.compile(r"[\s\u3000\u00a0]+")
_CUT_BEFORE = re.compile(r"\d[.,]$")  # "1,511." — the line ends inside a number
_CUT_AFTER = re.compile(r"^[.,]\d")  # ".90" — the line starts inside a number


def nfkc(text: str) -> str:
    """NFKC (full-width digits, letters and punctuation → ASCII) with all blank runs as one space."""
    return _BLANKS.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()


def clean_line(text: str) -> str:
    """A running-text line: NFKC, and spaced-out runs of three or more ideographs closed up.

    Only runs are closed ("当 年 收 入" → "当年收入"): a single space between two words of a heading
    ("第二部分 部门预算表") is a real separator and stays.
    """
    text = nfkc(text)
    return _SPACED_RUN.sub(lambda match: match.group(0).replace(" ", ""), text)


def clean_cell(text: str) -> str:
    """A table cell: lines joined back together and every space between Chinese characters dropped.

    Inside a cell a space between two ideographs is always layout (justification or a spaced-out
    header), never meaning, so "因 公 出 国 ( 境 ) 费" becomes "因公出国(境)费".
    """
    lines = [nfkc(line) for line in (text or "").splitlines()]
    joined = join_wrapped([line for line in lines if line])
    return _SPACE_BETWEEN_TIGHT.sub("", joined)


def join_wrapped(lines: list[str]) -> str:
    """Join the visual lines of one wrapped text: no space where Chinese or a number was cut."""
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        out += _glue(out, line) + line
    return out


def _glue(left: str, right: str) -> str:
    if re.match(_TIGHT, left[-1]) or re.match(_TIGHT, right[0]):
        return ""
    if _CUT_BEFORE.search(left) or _CUT_AFTER.search(right):
        return ""  # "1,511." + "90": a number cut at its separator
    return " "  # two whole numbers stay apart, so a cell never fuses two amounts into one
