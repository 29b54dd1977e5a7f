"""The reader forkserver's preload: the readers imported and pdfminer's Chinese maps loaded once."""

from pdfminer.cmapdb import CMapDB

from ingestion import isolation
from ingestion.readers import preload


def test_the_forkserver_preloads_the_readers_and_the_chinese_maps():
    assert isolation._PRELOAD == ["ingestion.readers.preload"]
    preload.load_chinese_maps()
    assert {"UniGB-UCS2-H", "GBK-EUC-H"} <= set(CMapDB._cmap_cache)
    assert "Adobe-GB1" in CMapDB._umap_cache
