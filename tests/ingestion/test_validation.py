"""The validation shortcut returns pandera's frame on valid input and leaves every failure to pandera."""

import pandas as pd
import pytest

from ingestion import validation
from ingestion.errors import StagingValidationFailed
from ingestion.frames import facts_to_frames, frame_columns, validate_documents, validate_frames
from ingestion.pipeline import ingest_document
from ingestion.schemas import STAGING_FRAMES
from tests.conftest import SAMPLES


def _pandera(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    return STAGING_FRAMES[name].validate(frame, lazy=True)


@pytest.fixture(scope="module")
def sample_frames(monkeypatch_module):
    """The unvalidated frames of every sample, as the pipeline hands them to validation."""
    captured: list[dict[str, pd.DataFrame]] = []

    def capture(document_id, facts):
        captured.append(facts_to_frames(document_id, facts))
        return captured[-1]

    monkeypatch_module.setattr("ingestion.pipeline.facts_to_frames", capture)
    for path in sorted(SAMPLES.iterdir()):
        assert ingest_document(path).document_row["status"] == "parsed"
    return captured


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_staging_schema_is_interpreted_by_the_shortcut():
    # a schema feature the shortcut does not read sends every frame of that kind to slow pandera
    assert [name for name in STAGING_FRAMES if not validation._interpretable(name)] == []


def test_the_samples_frames_validate_exactly_as_pandera_does(sample_frames):
    compared = 0
    for frames in sample_frames:
        for name, frame in frames.items():
            shortcut = validation._shortcut(name, frame)
            assert shortcut is not None, f"a valid {name} frame fell back to pandera"
            expected = _pandera(name, frame)
            pd.testing.assert_frame_equal(shortcut, expected, check_exact=True)
            assert list(shortcut.dtypes) == list(expected.dtypes)
            compared += len(frame)
    assert compared > 500  # the samples' rows, not only empty frames


def test_an_empty_frame_is_pandera_s_empty_frame_and_a_fresh_copy():
    frame = pd.DataFrame([], columns=frame_columns("line_items"))
    first = validation.validate_frame("line_items", frame)
    pd.testing.assert_frame_equal(first, _pandera("line_items", frame))
    first["added_by_a_caller"] = []  # a caller changing its frame never changes the cached one
    assert "added_by_a_caller" not in validation.validate_frame("line_items", frame).columns


def _valid_total(**changes) -> pd.DataFrame:
    row = {column: None for column in frame_columns("reported_totals")}
    row.update(
        document_id="d" * 16, amount_yuan="12300.00", reported_amount="1.23", reported_unit="万元",
        source_locator="l1", source_text="收入合计 1.23", extraction_method="table", measure="grand_total",
        amount_kind="budget", fund_source="all",
    )  # fmt: skip
    row.update(changes)
    return pd.DataFrame([row], columns=frame_columns("reported_totals"))


def test_a_valid_row_takes_the_shortcut():
    assert validation._shortcut("reported_totals", _valid_total()) is not None


@pytest.mark.parametrize(
    ("changes", "reported"),
    [
        ({"amount_yuan": "12.3"}, "reported_totals.amount_yuan"),  # str_matches
        ({"reported_unit": "千元"}, "reported_totals.reported_unit"),  # isin
        ({"source_locator": ""}, "reported_totals.source_locator"),  # str_length
        ({"measure": None}, "reported_totals.measure"),  # not nullable
        ({"source_text": "收入合计"}, "printed amount must appear"),  # a dataframe check
        ({"source_bbox": "1.00,2.00,3.00,4.00"}, "a box is on a page"),  # a dataframe check across columns
        ({"source_page": "x"}, "reported_totals.source_page"),  # coercion fails
    ],
)
def test_an_invalid_frame_is_reported_by_pandera(changes, reported):
    frame = _valid_total(**changes)
    assert validation._shortcut("reported_totals", frame) is None
    with pytest.raises(StagingValidationFailed) as raised:
        validate_frames({"reported_totals": frame}, "doc.pdf")
    assert "doc.pdf" in str(raised.value) and reported in str(raised.value)


def test_a_duplicate_id_and_an_unknown_column_are_reported_by_pandera():
    row = _valid_total()
    assert validation._shortcut("reported_totals", row.assign(extra=1)) is None
    with pytest.raises(StagingValidationFailed):
        validate_frames({"reported_totals": row.assign(extra=1)}, "doc.pdf")
    ratios = pd.DataFrame(columns=frame_columns("stated_ratios"))
    assert validation._shortcut("stated_ratios", ratios.astype(str)) is not None  # typed but empty: still valid
    sections = _sections(2)
    assert validation._shortcut("document_sections", sections) is not None
    duplicated = pd.concat([sections, sections.head(1)], ignore_index=True)
    assert validation._shortcut("document_sections", duplicated) is None
    with pytest.raises(StagingValidationFailed) as raised:
        validate_frames({"document_sections": duplicated}, "doc.pdf")
    assert "unique per document" in str(raised.value)


def _sections(count: int) -> pd.DataFrame:
    rows = []
    for index in range(1, count + 1):
        row = {column: None for column in frame_columns("document_sections")}
        row.update(
            document_id="d" * 16, section_kind="table", section_index=index, title=f"表{index}",
            source_locator=f"l{index}", source_text=f"表{index}",
        )  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows, columns=frame_columns("document_sections"))


def test_every_staging_check_is_known_to_be_row_wise():
    # a check that is not row-wise (a sum, a count) could pass for many documents' rows and fail for one
    # document's: it must not be validated together, so each check is listed or its frame falls back
    assert [name for name in STAGING_FRAMES if name != "documents" and not validation._separable(name)] == []


def test_frames_validated_together_equal_each_frame_validated_alone(sample_frames):
    for name in STAGING_FRAMES:
        frames = [frames[name] for frames in sample_frames if name in frames and len(frames[name])]
        if not frames:
            continue
        together = validation.validate_together(name, frames)
        assert together is not None, f"the samples' {name} frames did not pass together"
        assert len(together) == len(frames)
        for frame, piece in zip(frames, together, strict=True):
            pd.testing.assert_frame_equal(piece, validation.validate_frame(name, frame), check_exact=True)
            assert list(piece.index) == list(range(len(frame)))


def test_one_bad_document_fails_the_union_and_only_itself_alone():
    good, bad = _valid_total(), _valid_total(amount_yuan="12.3")
    assert validation.validate_together("reported_totals", [good, bad]) is None
    passed = validate_documents([{"reported_totals": good}, {"reported_totals": bad}])
    assert passed == [{}, {}]  # neither passed together: each is validated alone
    assert len(validate_frames({"reported_totals": good}, "good.txt", passed[0])["reported_totals"]) == 1
    with pytest.raises(StagingValidationFailed) as raised:
        validate_frames({"reported_totals": bad}, "bad.txt", passed[1])
    assert "bad.txt" in str(raised.value) and "reported_totals.amount_yuan" in str(raised.value)


def test_ids_unique_in_each_document_but_not_across_them_are_validated_alone():
    # the same section key in two documents' frames (as if both had one id) fails the union's
    # uniqueness, though each document alone is valid
    sections = _sections(2)
    assert validation.validate_together("document_sections", [sections, sections]) is None
    assert validation.validate_together("document_sections", [sections, sections.assign(document_id="e" * 16)])
