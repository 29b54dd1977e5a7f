"""Where a document prints its agency's name, and the header that names another agency: on a generated
district-bureau document, on the samples (那曲 prints only its short name) and on the real PDFs."""

from pathlib import Path

import pytest

from ingestion.document import Document, Locator, TextLine
from ingestion.extract.agency_names import resolve_document_agency
from ingestion.extract.metadata import extract_metadata
from ingestion.readers import read_document

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "pdf"


def _resolve(document: Document):
    return resolve_document_agency(document, extract_metadata(document))


def test_a_header_of_the_municipal_bureau_in_a_district_document_is_a_contradiction():
    lines = ["上海市普陀区财政局", "2024年度部门决算", "区财政局主要职能是……"]
    lines += ["编制部门:上海市普陀区财政局 单位:万元"] * 3 + ["编制部门:上海市财政局 单位:万元"]
    document = Document("d.txt", "txt", "0" * 64, [TextLine(t, Locator(line=n)) for n, t in enumerate(lines, 1)])
    agency = _resolve(document)
    assert agency.identity.canonical_name == "上海市普陀区财政局"
    roles = {(name.role, name.printed_name, name.is_contradiction) for name in agency.printed}
    assert roles == {
        ("title", "上海市普陀区财政局", False),
        ("prose", "区财政局", False),  # the place comes from the document's other names
        ("label", "上海市普陀区财政局", False),
        ("label", "上海市财政局", True),
    }
    [issue] = agency.issues
    assert (issue.issue_kind, str(issue.locator)) == ("agency_name_contradiction", "l7")
    assert "上海市财政局" in issue.detail and issue.source_text == "编制部门:上海市财政局 单位:万元"


@pytest.mark.parametrize(
    ("key", "canonical", "printed"),
    [
        ("nagqu", "中共那曲市委网络安全和信息化委员会办公室", {"那曲市委网信办", "市委网信办"}),
        ("xiamen", "中共厦门市委网络安全和信息化委员会办公室", {"厦门市委网信办"}),
        ("mancheng", "中共保定市满城区委网络安全和信息化委员会办公室", {"满城区网信办", "中共保定市满城区网信办"}),
        ("zhuzhou", "中共株洲市委网络安全和信息化委员会办公室", {"中共株洲市委网络安全和信息化委员会办公室"}),
    ],
)
def test_samples_resolve_every_printed_form_to_one_agency(sample_path, key, canonical, printed):
    agency = _resolve(read_document(sample_path(key)))
    assert agency.identity.canonical_name == canonical
    assert printed <= {name.printed_name for name in agency.printed}
    assert not agency.issues


@pytest.mark.parametrize(
    ("number", "canonical", "label_count"),
    [
        ("005", "上海市普陀区人民政府万里街道办事处", 10),
        ("012", "江苏省人民代表大会常务委员会办公厅", 12),
        ("014", "江苏省人民代表大会常务委员会办公厅", 12),  # the same agency two years later
        ("019", "中国人民政治协商会议江苏省委员会办公厅", 12),
    ],
)
def test_real_pdfs_name_their_agency_without_contradiction(number, canonical, label_count):
    paths = sorted(CORPUS.glob(f"{number}_*.pdf"))
    if not paths:
        pytest.skip(f"corpus file {number}_*.pdf is missing from {CORPUS}")
    agency = _resolve(read_document(paths[0]))
    assert agency.identity.canonical_name == canonical
    assert sum(name.role == "label" for name in agency.printed) == label_count
    assert not agency.issues


def test_a_subordinate_units_name_label_is_not_a_contradiction():
    lines = ["上海市普陀区财政局", "2024年度部门预算", "编制部门:上海市普陀区财政局 单位:万元"]
    lines += ["单位名称:上海市普陀区国库收付中心"]
    document = Document("d.txt", "txt", "0" * 64, [TextLine(t, Locator(line=n)) for n, t in enumerate(lines, 1)])
    agency = _resolve(document)
    assert agency.identity.canonical_name == "上海市普陀区财政局" and not agency.issues
