"""Traditional characters to simplified, before anything is read: 萬元 → 万元, 財政撥款 → 财政拨款.

Mirror sites republish disclosures in traditional script, often through a converter that leaves pinyin
glosses behind (``數(shù)``, ``經(jīng)費``). Every word table of the vocabulary is simplified, so such a page is
converted first with OpenCC (the ``t2s`` profile) and its glosses removed. A page counts as traditional
when converting changes a clear share of its Chinese characters; a simplified page is left untouched,
so its snippets stay byte-for-byte as printed. Digits, units' positions and punctuation are unchanged
(the converter maps characters one to one), so every amount keeps its printed form.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ingestion.document import Document, TextLine

_MIN_CHANGED = 5  # characters that change under conversion …
_MIN_SHARE = 0.02  # … and their share of the Chinese characters, for a page to count as traditional
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# ``(shù)`` right after a character: a pinyin gloss a converter left, never part of a disclosure.
PINYIN_GLOSS = re.compile(rf"\((?=[a-zü]*[{_TONE_MARKS}])[a-zü{_TONE_MARKS}]{{1,8}}\)")


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on first use: most documents are simplified

    return opencc.OpenCC("t2s")


def to_simplified_text(text: str) -> str:
    return PINYIN_GLOSS.sub("", _converter().convert(text))


def _text_of(document: Document) -> str:
    parts = []
    for block in document.blocks:
        parts.append(block.text if isinstance(block, TextLine) else "\n".join("\t".join(r) for r in block.rows))
    return "\n".join(parts)


def is_traditional(text: str) -> bool:
    """True when conversion changes at least a few characters and a clear share of the Chinese ones."""
    chinese = len(_CJK.findall(text))
    if not chinese:
        return False
    converted = _converter().convert(text)
    changed = sum(1 for before, after in zip(text, converted, strict=False) if before != after)
    return changed >= _MIN_CHANGED and changed >= _MIN_SHARE * chinese


def simplified(document: Document) -> Document | None:
    """The document converted to simplified characters, or ``None`` when it is not traditional."""
    if not is_traditional(_text_of(document)):
        return None
    blocks = []
    for block in document.blocks:
        if isinstance(block, TextLine):
            blocks.append(replace(block, text=to_simplified_text(block.text)))
        else:
            rows = tuple(tuple(to_simplified_text(cell) for cell in row) for row in block.rows)
            blocks.append(replace(block, rows=rows))
    return replace(document, blocks=blocks)
