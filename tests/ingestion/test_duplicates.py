"""The same disclosure twice (same bytes, another encoding, another name) is counted once, visibly."""

from ingestion.duplicates import DuplicateFilter, content_fingerprint
from ingestion.pipeline import discover_documents, ingest
from tests.fixtures import bad_files


def test_identical_content_twice_is_one_document_and_one_duplicate_row(tmp_path, sample_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(sample_path("zhuzhou").read_bytes())
    result = ingest(discover_documents([tmp_path]))
    documents = result.frames["documents"].set_index("source_file")
    assert documents.loc["a.txt", "status"] == "parsed"
    assert documents.loc["b.txt", "status"] == "duplicate"
    assert documents.loc["b.txt", "rejection_reason"] == "duplicate_file"
    assert "a.txt" in documents.loc["b.txt", "rejection_detail"]
    assert documents["document_id"].is_unique
    assert set(result.frames["line_items"]["document_id"]) == {documents.loc["a.txt", "document_id"]}


def test_a_gbk_copy_does_not_double_the_agency_line_items(tmp_path, sample_path):
    (tmp_path / "a.txt").write_bytes(sample_path("zhuzhou").read_bytes())
    alone = len(ingest(discover_documents([tmp_path])).frames["line_items"])
    bad_files.encoded_copy(tmp_path / "b_gbk.txt", "gbk")
    bad_files.encoded_copy(tmp_path / "c_utf16.txt", "utf-16-le", bom=True)
    result = ingest(discover_documents([tmp_path]))
    statuses = dict(zip(result.frames["documents"]["source_file"], result.frames["documents"]["status"], strict=True))
    assert statuses == {"a.txt": "parsed", "b_gbk.txt": "duplicate", "c_utf16.txt": "duplicate"}
    assert len(result.frames["line_items"]) == alone
    reasons = set(result.frames["documents"]["rejection_reason"].dropna())
    assert reasons == {"same_disclosure"}


def test_different_disclosures_have_different_fingerprints(tmp_path, sample_path):
    for key in ("zhuzhou", "nagqu", "xiamen"):
        (tmp_path / f"{key}.txt").write_bytes(sample_path(key).read_bytes())
    documents = ingest(discover_documents([tmp_path])).frames["documents"]
    assert set(documents["status"]) == {"parsed"}
    assert documents["content_fingerprint"].notna().all() and documents["content_fingerprint"].is_unique


def test_a_document_without_facts_has_no_fingerprint_and_is_never_a_disclosure_duplicate():
    row = {"agency_name": "x", "fiscal_year": 2020, "doc_kind": "budget"}
    assert content_fingerprint(row, {}) is None
    duplicates = DuplicateFilter()
    first = {"status": "parsed", "sha256": "a" * 64, "content_fingerprint": None, "document_id": "a" * 16}
    second = dict(first, sha256="b" * 64, document_id="b" * 16)
    assert duplicates.admit_row(first) is first and duplicates.admit_row(second) is second
