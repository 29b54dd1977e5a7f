"""Text and HTML in every encoding portals use: the same disclosure decodes to the same characters."""

import pytest

from ingestion.encodings import decode, detect_encoding, looks_like_utf16, normalize_encoding
from ingestion.pipeline import ingest_document
from ingestion.readers import sniff_format
from tests.fixtures import bad_files

TITLE = "中共株洲市委网络安全和信息化委员会办公室"
TRADITIONAL = "中共株洲市委網絡安全和信息化委員會辦公室2020年部門預算\n單位：萬元\n一般公共預算支出合計\t123.45\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", False), ("utf-8", True), ("gbk", False), ("gb18030", False), ("utf-16-le", True),
     ("utf-16-be", True), ("utf-16-le", False)],
)  # fmt: skip
def test_every_encoding_of_a_sample_decodes_to_the_original_text(tmp_path, encoding, bom):
    original = bad_files.sample_text().replace("\u00a0", " ")
    path = bad_files.encoded_copy(tmp_path / "copy.txt", encoding, bom=bom)
    assert decode(path.read_bytes()) == original
    assert sniff_format(path) == "txt"


def test_big5_is_detected_not_read_as_gbk_mojibake():
    data = TRADITIONAL.encode("big5")
    assert data.decode("gb18030", errors="replace") != TRADITIONAL  # GB18030 would "succeed" with garbage
    assert detect_encoding(data) == "big5hkscs"
    assert decode(data) == TRADITIONAL


def test_a_declared_charset_is_honoured_and_gb_names_mean_gb18030():
    assert normalize_encoding("GB2312") == normalize_encoding("x-gbk") == "gb18030"
    assert normalize_encoding("BIG5") == "big5hkscs"
    assert normalize_encoding("no-such-codec") is None
    assert decode("预算".encode("gbk"), declared="gb2312") == "预算"


def test_bomless_utf16_is_recognised_by_its_nul_pattern():
    assert looks_like_utf16("2020年\t123.45\n".encode("utf-16-le") * 20)
    assert not looks_like_utf16("2020年\t123.45\n".encode() * 20)
    assert not looks_like_utf16(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)


@pytest.mark.parametrize(("encoding", "declare"), [("gbk", True), ("utf-8", False), ("utf-16", False)])
def test_html_copies_are_read_as_the_same_agency(tmp_path, encoding, declare):
    path = bad_files.html_copy(tmp_path / "page.html", encoding, declare=declare)
    result = ingest_document(path)
    row = result.document_row
    assert row["source_format"] == "html"
    assert (row["status"], row["agency_name"], row["fiscal_year"], row["doc_kind"]) == ("parsed", TITLE, 2020, "budget")


def test_a_utf16_text_disclosure_is_parsed_not_rejected(tmp_path):
    path = bad_files.encoded_copy(tmp_path / "unicode.txt", "utf-16-le", bom=True)
    row = ingest_document(path).document_row
    assert (row["status"], row["agency_name"]) == ("parsed", TITLE)
