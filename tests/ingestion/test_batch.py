"""The parallel batch driver gives exactly the frames of the one-process reference ``pipeline.ingest``."""

from __future__ import annotations

import pandas as pd
import pytest

from ingestion.batch import Progress, ingest_to_store, write_staging
from ingestion.parse_store import ParseStore
from ingestion.pipeline import discover_documents, ingest
from ingestion.schemas import STAGING_FRAMES
from ingestion.staging_store import read_frame, write_frames
from tests.conftest import SAMPLES

TIMES = ["ingested_at", "file_modified_at"]  # when, not what: differ between two reads of the same file


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[column for column in TIMES if column in frame.columns]).astype(str)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    paths = discover_documents([SAMPLES])
    write_frames(ingest(paths).frames, root / "serial")
    store = ParseStore(root / "store")
    reports: list[Progress] = []
    batch = ingest_to_store(paths, store, workers=2, progress=reports.append, progress_every=0)
    write_staging(batch, store, root / "parallel")
    return root, batch, reports


@pytest.mark.parametrize("name", list(STAGING_FRAMES))
def test_parallel_staging_equals_the_serial_reference(both, name):
    root, _, _ = both
    serial, parallel = read_frame(root / "serial", name), read_frame(root / "parallel", name)
    assert list(parallel.columns) == list(serial.columns)
    assert len(serial) > 0
    pd.testing.assert_frame_equal(_canonical(parallel), _canonical(serial))


def test_progress_counts_up_to_the_total_with_a_rate(both):
    _, batch, reports = both
    assert batch.parsed == 5
    assert [report.done for report in reports][-1] == 5
    assert all(report.total == 5 for report in reports)
    assert reports[-1].rate > 0 and reports[-1].eta_seconds == 0
    assert "5/5 documents" in reports[-1].describe()
