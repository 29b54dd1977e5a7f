"""The extractor's walk: lines the table extractor owns are left to it."""

from ingestion.extract.narrative import is_table_line
from tests.ingestion.extract.narrative.support import read_prose


def test_lines_owned_by_the_table_extractor_are_skipped():
    assert is_table_line("2.201       一般公共服务支出       774.7万元")
    assert is_table_line("      2210201   住房公积金             79.53万元".strip())
    assert is_table_line("一、一般公共预算拨款\t472.74\t一、一般公共服务支出\t472.74")
    assert not is_table_line("2.项目支出1163万元。")
    assert read_prose("2013701   行政运行               771.28万元", "本年收入合计\t472.74") == []
