"""HTML: text blocks and data tables in page order, spans resolved, Chinese encodings detected."""

from __future__ import annotations

import pytest

from ingestion.document import Table, TextLine
from ingestion.readers import read_document
from ingestion.readers.html import decode_html

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>门户网站</title><style>td {{ color: red }}</style><script>var total = "9,999.99";</script></head>
<body><div class="nav">首页 &gt; 财政预决算</div>
<table class="layout"><tr><td>
  <h2>上海市测试区财政局</h2><p>2024年部门预算</p><p>部门收支预算总表</p><p>单位：万元</p>
  <table border="1">
    <thead><tr><th colspan="2">本年收入</th><th colspan="2">本年支出</th></tr></thead>
    <tbody>
      <tr><td>项目</td><td>预算数</td><td>项目</td><td>预算数</td></tr>
      <tr><td rowspan="2">一般公共<br>预算拨款收入</td><td rowspan="2">1,234.50</td>
          <td>一 般 公 共 服 务 支 出</td><td>1,000.00</td></tr>
      <tr><td><span>公共</span><span>安全支出</span></td><td>234.50</td></tr>
      <tr><td>收入总计</td><td>1,234.50</td><td>支出总计</td><td>1,234.50</td></tr>
    </tbody>
  </table>
  <p>收入预算1,234.50万元。<span style="display:none">隐藏的文字</span></p>
  <!-- 注释不是正文 -->
</td></tr></table></body></html>"""
EXPECTED_ROWS = (
    ("本年收入", "", "本年支出", ""),
    ("项目", "预算数", "项目", "预算数"),
    ("一般公共预算拨款收入", "1,234.50", "一般公共服务支出", "1,000.00"),
    ("", "", "公共安全支出", "234.50"),
    ("收入总计", "1,234.50", "支出总计", "1,234.50"),
)


@pytest.mark.parametrize(("charset", "codec"), [("gb2312", "gbk"), ("GBK", "gbk"), ("utf-8", "utf-8")])
def test_a_portal_page_reads_as_lines_and_a_table(tmp_path, charset, codec):
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.format(charset=charset).encode(codec))
    document = read_document(path)
    assert document.source_format == "html"
    assert [type(block) for block in document.blocks] == [TextLine] * 5 + [Table, TextLine]
    lines = [block.text for block in document.text_lines()]
    assert lines == [
        "首页 > 财政预决算",
        "上海市测试区财政局",
        "2024年部门预算",
        "部门收支预算总表",
        "单位:万元",
        "收入预算1,234.50万元。",
    ]
    assert document.tables()[0].rows == EXPECTED_ROWS


def test_undeclared_gbk_is_detected_and_utf8_bom_respected():
    text = "<p>一般公共预算</p>"
    assert decode_html(text.encode("gbk")) == text
    assert decode_html(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_html(b'<meta charset="gb2312"><p>\xd2\xbb</p>') == '<meta charset="gb2312"><p>一</p>'


def test_ragged_rows_and_bad_spans_still_make_a_grid(tmp_path):
    path = tmp_path / "ragged.html"
    path.write_text(
        "<html><body><table><tr><td colspan='x'>a</td><td>b</td><td>c</td></tr>"
        "<tr><td rowspan='3'>d</td></tr><tr><td>e</td></tr></table></body></html>",
        encoding="utf-8",
    )
    (table,) = read_document(path).tables()
    assert table.rows == (("a", "b", "c"), ("d", "", ""), ("", "e", ""))
