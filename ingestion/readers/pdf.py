"""PDF → :class:`~ingestion.document.Document`: text lines in reading order and tables as clean grids.

Each page is read with pypdfium2 first (:mod:`~ingestion.readers.pdf_scan`), which is fast: its
visible rulings as edges (:mod:`~ingestion.readers.pdf_rulings`) and its glyphs with positions.
Pages with rulings both ways go to pdfplumber's table finder, fed with those edges through its
``explicit`` strategy (:mod:`~ingestion.readers.pdf_tables`). pdfminer (under pdfplumber) is used
only where PDFium cannot be trusted: for the characters of pages set in fonts the file does not
embed (PDFium drops one-character strings in such CJK fonts), and for rotated pages, which
pdfplumber reads entirely. On every page, text inside a table never also appears as a text line,
tables printed without rulings are recovered from column alignment
(:mod:`~ingestion.readers.pdf_unruled`), and a table that opens a page continues the table that
closed the previous one when the columns agree (:mod:`~ingestion.readers.pdf_continuation`).

Unreadable files are rejected explicitly, each with advice: encrypted, truncated or damaged, no
pages, and no text on any page (a scan). pdfplumber pages are closed after use (each keeps ~3 MB of
layout otherwise), so memory stays flat however long the document is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.exceptions import PdfminerException

from ingestion.document import Box, Document, DocumentBuilder
from ingestion.errors import CorruptDocument, EncryptedDocument, NoTextLayer
from ingestion.readers.pdf_continuation import OpenTable, continuation_boxes, continuation_rows, glue_cut_row
from ingestion.readers.pdf_lines import Glyph, GlyphLine, group_lines, is_page_number
from ingestion.readers.pdf_miner import layout_glyphs, plumber_glyphs, visible_page
from ingestion.readers.pdf_scan import PageScan, scan_page
from ingestion.readers.pdf_tables import PageTable, ruled_tables, tables_from_edges
from ingestion.readers.pdf_unruled import unruled_tables

_EOF_WINDOW = 4096  # bytes at the end of the file that must contain %%EOF
_MARGIN = 0.08  # share of the page height at top and bottom where page numbers live

REPAIR_ADVICE = (
    "download it again from the publisher; if it still fails, open it in a PDF viewer and save or "
    "print it to a new PDF (or run `qpdf in.pdf out.pdf`) and add that file instead."
)


@dataclass
class _Block:
    """A text line or a table, with the page position that orders it.

    ``continued`` holds the rows to append when the table continues the previous page's table, and
    ``continued_boxes`` their cells' boxes.
    """

    top: float
    text: str | None = None
    table: PageTable | None = None
    continued: list[list[str]] | None = None
    box: Box | None = None
    continued_boxes: list[list[Box | None]] | None = None


def read_pdf(path: Path, sha256: str) -> Document:
    """Read a PDF; raises Encrypted/Corrupt/NoTextLayer (``DocumentRejected``) for unreadable files."""
    path = Path(path)
    _require_complete_file(path)
    document = _open_pdfium(path)
    try:
        return _PdfReader(path, sha256, document).read()
    finally:
        document.close()


def _require_complete_file(path: Path) -> None:
    """A download cut short loses its trailer: refuse it rather than read half of the pages."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - _EOF_WINDOW))
        tail = handle.read().rstrip(b"\x00 \t\r\n")
    if b"%%EOF" not in tail:
        raise CorruptDocument(path.name, f"the PDF is truncated (no %%EOF at its end); {REPAIR_ADVICE}")


def _open_pdfium(path: Path) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocument(
                path.name,
                "the PDF is password-protected; ask the publisher for an unprotected copy, or remove "
                "the password (e.g. `qpdf --decrypt --password=... in.pdf out.pdf`) and add that file.",
            ) from error
        raise CorruptDocument(path.name, f"PDFium cannot open it ({error}); {REPAIR_ADVICE}") from error
    if len(document) == 0:
        document.close()
        problem = "the PDF has no pages (its page tree or cross-reference table is broken)"
        raise CorruptDocument(path.name, f"{problem}; {REPAIR_ADVICE}")
    return document


class _PdfReader:
    """One read of one PDF: the page loop, the pdfplumber handle (opened on demand) and builder state."""

    def __init__(self, path: Path, sha256: str, document: pdfium.PdfDocument) -> None:
        self.path = path
        self.document = document
        self.builder = DocumentBuilder(path.name, "pdf", sha256)
        self.plumber: pdfplumber.PDF | None = None
        self.open_table: OpenTable | None = None
        self.glyph_count = 0

    def read(self) -> Document:
        """Pages are emitted one page late, so a table's last row can still be joined to a cut row."""
        waiting: tuple[int, list[_Block]] | None = None
        try:
            for index in range(len(self.document)):
                blocks = self._page_blocks(index)
                self._link(index + 1, blocks)
                if waiting is not None:
                    self._emit(*waiting)
                waiting = (index + 1, blocks)
        finally:
            if self.plumber is not None:
                self.plumber.close()
        if self.glyph_count == 0:
            raise NoTextLayer(
                self.path.name,
                f"none of its {len(self.document)} pages has a text layer (a scanned or image-only PDF); "
                "run OCR on it (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`) and add the OCR'd file.",
            )
        if waiting is not None:
            self._emit(*waiting)
        return self.builder.build()

    def _page_blocks(self, index: int) -> list[_Block]:
        """Route the page: rotated → pdfplumber entirely; otherwise PDFium's rulings with glyphs from
        PDFium or, for fonts it cannot measure, from pdfminer."""
        try:
            scan = scan_page(self.document, index)
        except pdfium.PdfiumError as error:
            problem = f"page {index + 1} is damaged ({error})"
            raise CorruptDocument(self.path.name, f"{problem}; {REPAIR_ADVICE}") from error
        if scan.rotation:
            return self._plumber_blocks(scan)
        glyphs = scan.glyphs if scan.pdfium_text else self._pdfminer_glyphs(scan)
        self.glyph_count += len(glyphs)
        if not scan.has_grid:
            return _blocks(glyphs, [], scan.height)
        page = self._plumber_page(scan.number)
        try:
            tables, used = tables_from_edges(page, scan.edges, glyphs)
        finally:
            page.close()
        return _blocks([glyph for glyph in glyphs if id(glyph) not in used], tables, scan.height)

    def _pdfminer_glyphs(self, scan: PageScan) -> list[Glyph]:
        """The page's characters as pdfminer lays them out, in the same frame as PDFium's rulings."""
        page = self._plumber_page(scan.number)
        try:
            return layout_glyphs(page.layout, scan)
        except PdfminerException as error:
            raise self._corrupt(scan.number, error) from error
        finally:
            page.close()

    def _plumber_blocks(self, scan: PageScan) -> list[_Block]:
        """A rotated page, read entirely by pdfplumber (which applies /Rotate); closed after use."""
        page = self._plumber_page(scan.number)
        try:
            visible = visible_page(page)
            glyphs = plumber_glyphs(visible)
            self.glyph_count += len(glyphs)
            tables, used = ruled_tables(visible, glyphs)
            remaining = [glyph for glyph in glyphs if id(glyph) not in used]
            return _blocks(remaining, tables, float(page.height))
        except PdfminerException as error:
            raise self._corrupt(scan.number, error) from error
        finally:
            page.close()

    def _plumber_page(self, number: int) -> pdfplumber.page.Page:
        try:
            if self.plumber is None:
                self.plumber = pdfplumber.open(self.path)
            if len(self.plumber.pages) < number:
                raise CorruptDocument(
                    self.path.name,
                    f"pdfminer sees {len(self.plumber.pages)} pages where PDFium sees "
                    f"{len(self.document)} (broken page tree or cross-reference table); {REPAIR_ADVICE}",
                )
            return self.plumber.pages[number - 1]
        except PdfminerException as error:
            raise self._corrupt(number, error) from error

    def _corrupt(self, number: int, error: PdfminerException) -> CorruptDocument:
        cause = error.__cause__ or (error.args[0] if error.args else error)
        problem = f"pdfminer cannot parse page {number} ({type(cause).__name__}: {cause})"
        return CorruptDocument(self.path.name, f"{problem}; {REPAIR_ADVICE}")

    def _link(self, number: int, blocks: list[_Block]) -> None:
        """Decide whether the page's first block continues the open table, then track the open table."""
        first = blocks[0] if blocks else None
        if first is not None and first.table is not None and self.open_table is not None:
            rows = continuation_rows(self.open_table, first.table, number)
            if rows is not None:
                first.continued = glue_cut_row(self.open_table.tail, rows)
                first.continued_boxes = continuation_boxes(self.open_table, first.table, len(first.continued))
        for block in blocks:
            self._track(number, block)

    def _track(self, number: int, block: _Block) -> None:
        if block.table is None:
            self.open_table = None
        elif block.continued is not None and self.open_table is not None:
            self.open_table.page = number
            self.open_table.tail = block.continued or self.open_table.tail
        elif block.table.notes:
            self.open_table = None  # a note printed under the table closes it
        else:
            table = block.table
            self.open_table = OpenTable(number, table, [list(row) for row in table.rows[:8]], table.rows)

    def _emit(self, number: int, blocks: list[_Block]) -> None:
        """Feed one page's blocks to the builder."""
        self.builder.new_page(number)
        for block in blocks:
            if block.table is None:
                self.builder.add_line(block.text or "", bbox=block.box)
            elif block.continued is not None:
                self.builder.add_table(block.continued, continues_previous=True, cell_boxes=block.continued_boxes)
            else:
                for caption in block.table.captions:
                    self.builder.add_line(caption)
                self.builder.add_table(block.table.rows, cell_boxes=block.table.cell_boxes or None)
                for note in block.table.notes:
                    self.builder.add_line(note)


def _blocks(glyphs: list[Glyph], tables: list[PageTable], height: float) -> list[_Block]:
    """Text lines (minus page numbers) and tables of one page, top to bottom."""
    lines = [line for line in group_lines(glyphs) if not _is_furniture(line, height)]
    unruled, lines = unruled_tables(lines)
    blocks = [_Block(line.top, text=line.text(), box=line.box) for line in lines]
    blocks += [_Block(table.top, table=table) for table in tables + unruled]
    return sorted(blocks, key=lambda block: block.top)


def _is_furniture(line: GlyphLine, height: float) -> bool:
    in_margin = line.top > (1 - _MARGIN) * height or line.bottom < _MARGIN * height
    return in_margin and is_page_number(line.text())
