import pytest

from ingestion.extract.metadata import extract_metadata
from ingestion.readers import read_document


@pytest.mark.parametrize(
    ("key", "agency", "year", "kind"),
    [
        ("xiamen", "中共厦门市委网络安全和信息化委员会办公室", 2020, "budget"),
        ("mancheng", "中共保定市满城区委网络安全和信息化委员会办公室", 2020, "budget"),
        ("bazhong", "巴中市互联网信息办公室", 2020, "final_account"),
        ("zhuzhou", "中共株洲市委网络安全和信息化委员会办公室", 2020, "budget"),
        ("nagqu", "那曲市委网信办", 2023, "final_account"),  # prints only its short name
    ],
)
def test_samples_are_identified(sample_path, key, agency, year, kind):
    metadata = extract_metadata(read_document(sample_path(key)))
    assert (metadata.agency_name, metadata.fiscal_year, metadata.doc_kind) == (agency, year, kind)
