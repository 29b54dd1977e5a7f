"""One canonical agency per printed form, on every city and county of the admin-division seed: the full
name, the short forms of its body, with and without 人民政府, after prose words — and the placements the
old SQL rule made (中山大学 is no city, 普陀区 needs its city); a place several divisions share that the
document does not decide leaves the agency unplaced with an issue row."""

from collections import defaultdict

import pytest

from ingestion.document import Document, Locator, TextLine
from ingestion.extract.agency_identity import canonical_agency, expand_body
from ingestion.extract.agency_names import resolve_document_agency
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.places import divisions, read_place

CITIES_AND_COUNTIES = defaultdict(list)  # by province: one test per province over its ~100 divisions
for _division in divisions():
    if _division.level in ("city", "county"):
        CITIES_AND_COUNTIES[_division.province].append(_division)
PROVINCES = sorted(CITIES_AND_COUNTIES)


def _canonical(printed, context=()):
    return canonical_agency(printed, context).canonical_name


def _body_forms_differ(division) -> list[str]:
    place = division.full_place
    wrong = []
    finance = canonical_agency(f"{place}财政局")
    if (finance.canonical_name, finance.division) != (f"{place}财政局", division):
        wrong.append(f"{place}财政局 → {finance.canonical_name} {finance.division}")
    cac = f"中共{place}委网络安全和信息化委员会办公室"
    expected = {printed: cac for printed in (cac, f"{place}委网信办", f"中共{place}委网信办", f"{place}网信办")}
    for short, full in (
        ("人社局", "人力资源和社会保障局"),
        ("发改委", "发展和改革委员会"),
        ("政府办", "人民政府办公室"),
    ):
        expected |= {f"{place}{short}": f"{place}{full}", f"{place}{full}": f"{place}{full}"}
    expected[f"{place}人大常委会办公室"] = f"{place}人民代表大会常务委员会办公室"
    expected[f"{place}政协办公室"] = expected[f"政协{place}委员会办公室"] = f"中国人民政治协商会议{place}委员会办公室"
    if division.level == "county":  # a street office with or without its government is one agency
        seated = f"{place}人民政府长征街道办事处"
        expected |= {printed: seated for printed in (seated, f"{place}长征街道办事处", f"{place}长征街道办")}
    wrong += [f"{p} → {_canonical(p)}" for p, canonical in expected.items() if _canonical(p) != canonical]
    if division.level == "county" and _canonical(f"{division.name}长征街道办事处", [division]) != seated:
        wrong.append(f"{division.name}长征街道办事处 in a document of {place}")  # the document's place completes it
    return wrong


@pytest.mark.parametrize("province", PROVINCES)
def test_every_division_keeps_one_canonical_agency_per_body(province):
    wrong = [w for division in CITIES_AND_COUNTIES[province] for w in _body_forms_differ(division)]
    assert not wrong


def _document(*lines: str) -> Document:
    return Document("page.txt", "txt", "0" * 64, [TextLine(text, Locator(line=n)) for n, text in enumerate(lines, 1)])


@pytest.mark.parametrize("province", PROVINCES)
def test_prose_words_before_a_name_do_not_change_its_agency(province):
    wrong = []
    for division in CITIES_AND_COUNTIES[province]:
        place = division.full_place
        short = f"{place}委网信办"
        document = _document(
            f"{short}2020年部门预算",
            "目录",
            f"现将{short}2020年部门预算公开如下:",
            f"对{short}的支出预算为100.00万元。",
        )
        agency = resolve_document_agency(document, extract_metadata(document))
        found = (agency.identity.canonical_name, agency.identity.division, bool(agency.issues))
        roles = {name.role for name in agency.printed}
        if found != (f"中共{place}委网络安全和信息化委员会办公室", division, False) or not roles >= {"title", "prose"}:
            wrong.append((place, found, roles))
    assert not wrong


SHARED = sorted({d.name for d in divisions() if sum(other.name == d.name for other in divisions()) > 1})


@pytest.mark.parametrize("name", SHARED)
def test_a_shared_place_the_document_does_not_decide_leaves_the_agency_unplaced_with_an_issue(name):
    named = [d for d in divisions() if d.name == name]
    document = _document(f"{name}财政局2020年部门预算", "目录", f"现将{name}财政局2020年部门预算公开如下:")
    agency = resolve_document_agency(document, extract_metadata(document))
    assert (agency.identity.canonical_name, agency.identity.division) == (f"{name}财政局", None)
    (issue,) = agency.issues
    assert issue.issue_kind == "agency_place_ambiguous" and issue.locator == Locator(line=1)
    assert all(f"{d.province}{d.city}{name}" in issue.detail for d in named), issue.detail
    for division in named:  # a header that names the city decides, and no issue is left
        decided = _document(*document_lines(document), f"编制部门:{division.city}{name}财政局")
        agency = resolve_document_agency(decided, extract_metadata(decided))
        assert (agency.identity.division, agency.issues) == (division, [])


def document_lines(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


@pytest.mark.parametrize(
    ("printed", "canonical", "level"),
    [
        ("江苏省人大常委会办公厅", "江苏省人民代表大会常务委员会办公厅", "province"),
        ("江苏省政协办公厅", "中国人民政治协商会议江苏省委员会办公厅", "province"),
        ("江苏省检察院", "江苏省人民检察院", "province"),
        ("那曲市委网信办", "中共那曲市委网络安全和信息化委员会办公室", "city"),
        ("中共那曲地委宣传部", "中共那曲市委宣传部", "city"),  # former 那曲地区: short form + 地委
        ("黔东南州财政局", "黔东南苗族侗族自治州财政局", "city"),
        ("舟山市普陀区财政局", "舟山市普陀区财政局", "county"),
        ("中共保定市满城区网信办", "中共保定市满城区委网络安全和信息化委员会办公室", "county"),
        ("上海市普陀区人民政府办", "上海市普陀区人民政府办公室", "county"),
        ("中共株洲市纪委", "中共株洲市纪律检查委员会", "city"),
        # not placed: no division starts the name (中山 needs an administrative word), or two share it
        ("中山大学", "中山大学", None),
        ("朝阳区财政局", "朝阳区财政局", None),  # 北京市朝阳区 or 长春市朝阳区
        ("朝阳县财政局", "朝阳县财政局", "county"),  # 朝阳市朝阳县, not the city 朝阳市
        ("无锡县财政局", "无锡县财政局", None),  # not 无锡市: a city short form needs 州/盟/地区/委
        ("普陀区财政局", "普陀区财政局", None),
    ],
)
def test_printed_forms_and_their_canonical_agency(printed, canonical, level):
    identity = canonical_agency(printed)
    assert (identity.canonical_name, identity.level) == (canonical, level)


def test_a_name_without_its_place_takes_the_documents_place():
    putuo = read_place("上海市普陀区").division
    assert _canonical("区财政局", [putuo]) == "上海市普陀区财政局"
    assert _canonical("普陀区财政局", [putuo]) == "上海市普陀区财政局"
    assert _canonical("市财政局", [putuo]) == "上海市财政局"  # a 直辖市's 市 is the province
    assert _canonical("省人大办公厅", [read_place("江苏省").division]) == "江苏省人民代表大会常务委员会办公厅"


def test_expanding_twice_changes_nothing():
    for body in ("网信办", "人民检察院", "人民政府办", "政府办公室", "街道办", "人大常委会办公厅"):
        assert expand_body(expand_body(body)) == expand_body(body)
    assert expand_body("人民政府办") == "人民政府办公室"
