"""What the reader forkserver loads before it forks a reader: the readers and pdfminer's Chinese maps.

Every PDF, DOCX and HTML file is read in a process forked from a forkserver (``ingestion.isolation``).
What the forkserver has loaded, each reader inherits for nothing; what it has not, each reader loads
again and throws away. pdfminer loads the Adobe-GB1 character maps (used by every PDF whose Chinese
fonts are not embedded: STSong-Light or SimSun set by Word and WPS) lazily into class-level caches,
~60 ms of CPU per read, so they are loaded here once. Loading them changes nothing that is read.
"""

from __future__ import annotations

from pdfminer.cmapdb import CMapDB

import ingestion.readers
import ingestion.readers.docx
import ingestion.readers.html
import ingestion.readers.pdf  # noqa: F401 - imported for the forked readers

# The GB encodings of non-embedded Chinese fonts, horizontal and vertical; Identity-H needs no map.
CHINESE_CMAPS = ["UniGB-UCS2-H", "UniGB-UCS2-V", "UniGB-UTF16-H", "UniGB-UTF16-V", "GBK-EUC-H", "GB-EUC-H"]


def load_chinese_maps() -> None:
    for name in CHINESE_CMAPS:
        try:
            CMapDB.get_cmap(name)
        except CMapDB.CMapNotFound:  # a pdfminer without this map: each reader will say so itself
            continue
    CMapDB.get_unicode_map("Adobe-GB1")


load_chinese_maps()
