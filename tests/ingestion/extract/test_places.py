"""Places on every division of the admin-division seed (34 provinces, 333 cities, every county): each
form of a division's name places a name in that division or in none — never in another —, a district
name several cities share needs its city, agency names keep their place after prose words that are
also the first characters of some places (将/对/无/和 …), and every division carries its GB/T 2260 code."""

import csv
import re
from collections import Counter, defaultdict

import pytest

from ingestion.document import Document, Locator, TextLine
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.places import SHORT_FORM_SUFFIXES, divisions, read_place, starts_with_place, within
from ingestion.extract.subjects import SEEDS_DIR

with (SEEDS_DIR / "admin_divisions.csv").open(encoding="utf-8") as _handle:
    ROWS = list(csv.DictReader(_handle))
PLACES = [row["name"] for row in ROWS if row["admin_level"] in ("city", "county")]
PROVINCES = sorted({row["province"] for row in ROWS})
BY_PROVINCE = defaultdict(list)
for _division, _row in zip(divisions(), ROWS, strict=True):
    BY_PROVINCE[_division.province].append((_division, _row))
# every full and former name: a short form + its administrative word that spells one of them reads that one
NAMES = {row["name"] for row in ROWS} | {name for row in ROWS for name in row["former_names"].split("|") if name}
SHARED = {name for name, count in Counter(row["name"] for row in ROWS).items() if count > 1}


def _agency(*lines: str) -> str | None:
    blocks = [TextLine(text, Locator(line=n)) for n, text in enumerate(lines, start=1)]
    return extract_metadata(Document("page.txt", "txt", "0" * 64, blocks)).agency_name


def _code(name: str, *, province: str, city: str = "", level: str = "county") -> str:
    (row,) = [
        r for r in ROWS if (r["name"], r["province"], r["city"], r["admin_level"]) == (name, province, city, level)
    ]
    return row["division_code"]


def test_the_seed_lists_every_division_with_its_code():
    levels = Counter(row["admin_level"] for row in ROWS)
    assert (levels["province"], levels["city"]) == (34, 333) and levels["county"] > 2800
    codes = [row["division_code"] for row in ROWS]
    assert all(re.fullmatch(r"\d{6}", code) for code in codes) and len(set(codes)) == len(codes)
    assert _code("普陀区", province="上海市", city="上海市") == "310107"
    assert _code("普陀区", province="浙江省", city="舟山市") == "330903"
    assert _code("株洲市", province="湖南省", city="株洲市", level="city") == "430200"
    assert _code("那曲市", province="西藏自治区", city="那曲市", level="city") == "540600"
    assert _code("祁阳市", province="湖南省", city="永州市") == "431181"
    assert _code("仙桃市", province="湖北省") == "429004"
    province_codes = {row["province"]: row["division_code"] for row in ROWS if row["admin_level"] == "province"}
    city_codes = {(row["province"], row["city"]): row["division_code"] for row in ROWS if row["admin_level"] == "city"}
    for row in ROWS:  # a code starts with its province's two digits and its city's four
        assert row["division_code"][:2] == province_codes[row["province"]][:2], row
        if row["admin_level"] == "county" and (row["province"], row["city"]) in city_codes:
            assert row["division_code"][:4] == city_codes[row["province"], row["city"]][:4], row


def test_the_seed_keeps_the_former_names_older_documents_print():
    former = {row["name"]: row["former_names"] for row in ROWS if row["former_names"]}
    assert former["那曲市"] == "那曲地区" and former["祁阳市"] == "祁阳县" and former["色尼区"] == "那曲县"
    assert read_place("那曲县财政局").division.name == "色尼区"


def _misplaced(division, row) -> list[str]:
    """Every form of the division that places a name elsewhere, or that fails to place it when it must."""
    wrong = []
    for form in [division.name, *filter(None, row["former_names"].split("|"))]:
        placement = read_place(f"{form}财政局")
        if placement is None or division not in placement.candidates:
            wrong.append(f"{form}: {placement}")
    if division.level == "county":  # with its city (or the province of a county without one): always decided
        above = division.city or division.province
        placement = read_place(f"{above}{division.name}财政局")
        if placement is None or placement.division != division:
            wrong.append(f"{above}{division.name}: {placement}")
    short = row["short_name"]
    for suffix in SHORT_FORM_SUFFIXES[division.level] if len(short) >= 2 else ():
        if suffix.endswith("委") or short + suffix in NAMES:
            continue
        placement = read_place(f"{short}{suffix}财政局")
        if placement is not None and placement.division not in (division, None):
            wrong.append(f"{short}{suffix}: {placement.division}")
    return wrong


@pytest.mark.parametrize("province", PROVINCES)
def test_every_form_of_a_division_places_it_or_nothing(province):
    wrong = [f"{d.name}: {w}" for d, row in BY_PROVINCE[province] for w in _misplaced(d, row)]
    assert not wrong


def test_a_district_name_several_cities_share_needs_its_city():
    assert {"普陀区", "朝阳区", "鼓楼区", "城区", "市中区"} <= SHARED
    for name in SHARED:
        named = [d for d in divisions() if d.name == name]
        placement = read_place(f"{name}财政局")
        assert placement.division is None and set(placement.candidates) == set(named), name
        for division in named:
            assert read_place(f"{division.city}{name}财政局").division == division
            assert within(placement, [division]) == division  # the document's other names decide


def test_a_short_form_needs_its_administrative_word_and_must_not_be_shared():
    assert read_place("满城区财政局").division.name == "满城区"
    assert read_place("满城县财政局").division.name == "满城区"  # 县 → 区: the short form + a county's word
    assert read_place("中山大学") is None and read_place("满城大街") is None
    assert read_place("长宁县财政局").division.city == "宜宾市"  # full name of 宜宾市长宁县
    assert read_place("长宁财政局") is None  # 长宁 is 上海市长宁区's and 宜宾市长宁县's short form
    assert read_place("莱芜市财政局") is None  # the abolished prefecture is not 济南市莱芜区


def test_the_seed_has_the_places_that_start_with_a_prose_word():
    assert {"无锡市", "和田地区", "将乐县", "和县"} <= set(PLACES)
    assert starts_with_place("无锡市互联网信息办公室") and not starts_with_place("将无锡市")
    assert starts_with_place("和顺县财政局") and starts_with_place("无锡高新区管委会")  # a short form too


@pytest.mark.parametrize("province", PROVINCES)
def test_every_city_and_county_keeps_its_name(province):
    lost = []
    for division, _ in BY_PROVINCE[province]:
        if division.level == "province":
            continue
        full = f"{division.name}互联网信息办公室"
        found = (
            _agency(f"{full}2020年部门预算", "目录", f"现将{full}2020年部门预算公开如下:"),
            _agency("2020年部门预算", f"现将{full}2020年部门预算公开如下:", f"对{full}的支出预算为100.00万元。"),
        )
        if found != (full, full):
            lost.append((full, found))
        if division.name.endswith("市"):
            short = f"{division.name}委网信办"
            prose = _agency("2020年部门预算", f"现将{short}2020年部门预算公开如下:", f"{short}收入预算100万元。")
            if prose != short:
                lost.append((short, prose))
    assert not lost
