"""Statements that a table is empty on purpose become issues with their place; ordinary lines do not."""

from __future__ import annotations

from ingestion.document import DocumentBuilder
from ingestion.extract.empty_statements import extract_empty_statements


def build(lines: list[str], table_rows: list[list[str]] | None = None):
    builder = DocumentBuilder("x.pdf", "pdf", "0" * 64)
    builder.new_page(1)
    for line in lines:
        builder.add_line(line)
    if table_rows:
        builder.add_table([tuple(row) for row in table_rows])
    return builder.build()


def test_notes_and_prose_declaring_a_table_empty_are_kept_with_their_place():
    document = build(
        [
            "2026年部门政府性基金预算支出功能分类预算表",
            "2018 年本部门无国有资本经营预算收入。",
            "2018年无公务用车购置预算安排",  # not an empty table: the vehicle line is printed as 0
            "政府性基金拨款支出预算0万元，与2026年预算持平",
            "（以上没有数据的表格也要列出空表并作出说明）",  # a template instruction, not a statement
        ],
        [["项目", "政府性基金预算支出"], ["注:本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表", ""]],
    )
    issues = extract_empty_statements(document)
    assert [issue.source_text for issue in issues] == [
        "2018 年本部门无国有资本经营预算收入。",
        "注:本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表",
    ]
    assert {issue.issue_kind for issue in issues} == {"empty_table_statement"}
    assert issues[0].locator.line == 2 and issues[1].locator.row == 2
