"""Traditional script is converted to simplified before reading; simplified pages are left as printed."""

from ingestion.document import Document, Locator, Table, TextLine
from ingestion.readers.traditional import is_traditional, simplified, to_simplified_text


def _document(*texts: str, rows=()) -> Document:
    blocks = [TextLine(text, Locator(line=n)) for n, text in enumerate(texts, start=1)]
    if rows:
        blocks.append(Table(tuple(rows), Locator(line=len(texts) + 1, table=1)))
    return Document("page.txt", "txt", "0" * 64, blocks)


def test_converter_noise_is_removed_and_amounts_keep_their_characters():
    printed = "杜集區政府辦2021年度一般公共預算財政撥款“三公”經(jīng)費支出決算為7.69萬元,完成預算的15.41%。"
    assert to_simplified_text(printed) == (
        "杜集区政府办2021年度一般公共预算财政拨款“三公”经费支出决算为7.69万元,完成预算的15.41%。"
    )


def test_a_traditional_page_is_converted_lines_and_cells():
    document = _document(
        "教育部2024年度收入總計64,999,264.21萬元,支出總計64,999,264.21萬元。",
        rows=[("項目", "預算數(shù)", "決算數(shù)"), ("合計", "49.9", "7.69")],
    )
    converted = simplified(document)
    assert converted.text_lines()[0].text == "教育部2024年度收入总计64,999,264.21万元,支出总计64,999,264.21万元。"
    assert converted.tables()[0].rows == (("项目", "预算数", "决算数"), ("合计", "49.9", "7.69"))
    assert converted.tables()[0].locator == document.tables()[0].locator


def test_a_simplified_page_is_left_untouched():
    document = _document("本部门2023年收入预算为1841.55万元,其中财政拨款收入1841.55万元。", "单位:万元")
    assert not is_traditional(document.text_lines()[0].text)
    assert simplified(document) is None


def test_a_few_traditional_characters_in_a_long_simplified_page_do_not_convert_it():
    text = "本部门2023年收入预算为1841.55万元,其中财政拨款收入1841.55万元,主要用于保障机构正常运转。" * 10
    assert not is_traditional(text + "於")
