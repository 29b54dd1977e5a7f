from ingestion.document import Table, TextLine
from ingestion.readers import read_document, sniff_format
from ingestion.readers.text import read_text


def test_tab_separated_rows_keep_leading_empty_cells(sample_path):
    document = read_document(sample_path("zhuzhou"))
    expenditure = next(
        t for t in document.tables() if any("2013701" in "".join(r) or r[:3] == ("201", "37", "01") for r in t.rows)
    )
    row = next(r for r in expenditure.rows if r[:3] == ("201", "37", "01"))
    assert row[3] == "行政运行" and row[4] == "292.74"


def test_one_cell_per_line_tables_become_rows(sample_path):
    document = read_document(sample_path("mancheng"))
    three_public = next(t for t in document.tables() if any(r and r[0] == "公务接待费支出" for r in t.rows))
    assert ("公务接待费支出", "0", "0.16", "0.16", "2019年成立，2020年产生公务接待费。") in three_public.rows
    # a header cell broken across two lines ("2019年度" / "预算") is joined back
    assert any("2019年度预算" in r for r in three_public.rows)


def test_markup_and_bookmarks_are_removed(sample_path):
    document = read_document(sample_path("mancheng"))
    first = document.blocks[0]
    assert isinstance(first, TextLine)
    assert first.text == "中共保定市满城区委网络安全和信息化委员会办公室"
    zhuzhou = read_document(sample_path("zhuzhou"))
    assert not any(line.text.startswith("#") or "**" in line.text for line in zhuzhou.text_lines())
    assert any(r[:3] == ("310", "资本性支出", "15.33") for t in zhuzhou.tables() for r in t.rows)


def test_locators_are_file_line_numbers(sample_path):
    path = sample_path("nagqu")
    lines = path.read_text(encoding="utf-8").split("\n")
    document = read_document(path)
    for block in document.text_lines()[:50]:
        assert block.text in lines[block.locator.line - 1].replace("\u3000", " ").strip() or block.text
        assert lines[block.locator.line - 1].strip().startswith(block.text[:4])


def test_gbk_text_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("部门预算\n单位：万元\n".encode("gbk"))
    assert sniff_format(path) == "txt"
    document = read_text(path, "0" * 64)
    assert [line.text for line in document.text_lines()] == ["部门预算", "单位：万元"]


def test_table_blocks_have_table_locators(sample_path):
    document = read_document(sample_path("zhuzhou"))
    tables = [block for block in document.blocks if isinstance(block, Table)]
    assert [t.locator.table for t in tables] == list(range(1, len(tables) + 1))
