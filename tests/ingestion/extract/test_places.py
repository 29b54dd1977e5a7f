"""Agency names keep their place: every city and county of the admin-division seed, after prose words
that are also the first characters of some places (将/对/无/和 …)."""

import csv

import pytest

from ingestion.document import Document, Locator, TextLine
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.places import starts_with_place
from ingestion.extract.subjects import SEEDS_DIR

with (SEEDS_DIR / "admin_divisions.csv").open(encoding="utf-8") as _handle:
    PLACES = [row["name"] for row in csv.DictReader(_handle) if row["admin_level"] in ("city", "county")]


def _agency(*lines: str) -> str | None:
    blocks = [TextLine(text, Locator(line=n)) for n, text in enumerate(lines, start=1)]
    return extract_metadata(Document("page.txt", "txt", "0" * 64, blocks)).agency_name


def test_the_seed_has_the_places_that_start_with_a_prose_word():
    assert {"无锡市", "和田地区"} <= set(PLACES) and len(PLACES) > 300
    assert starts_with_place("无锡市互联网信息办公室") and not starts_with_place("将无锡市")


@pytest.mark.parametrize("place", PLACES)
def test_every_city_and_county_keeps_its_name(place):
    full = f"{place}互联网信息办公室"
    assert _agency(f"{full}2020年部门预算", "目录", f"现将{full}2020年部门预算公开如下:") == full
    assert _agency("2020年部门预算", f"现将{full}2020年部门预算公开如下:", f"对{full}的支出预算为100.00万元。") == full
    if place.endswith("市"):
        short = f"{place}委网信办"
        assert _agency("2020年部门预算", f"现将{short}2020年部门预算公开如下:", f"{short}收入预算100万元。") == short
