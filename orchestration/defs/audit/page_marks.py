"""Findings drawn where they are printed: page images with both sides boxed, and annotated PDFs.

A reconciliation finding names its two sides by locator and, for PDFs, by page and box
(``expected_source_bbox`` / ``actual_source_bbox``: "x0,top,x1,bottom" in points from the top-left
corner of the page's crop box, the frame the PDF reader measures in). For every page that holds a
side of a finding this module renders one PNG with PDFium and draws the boxes with Pillow, the expected
(stated) side in blue and the actual (computed or other) side in orange, each labelled with the
finding's number in the report. It also writes a copy of the PDF with a highlight annotation on each
side and a note per finding, for people who review in a PDF reader. Only documents with findings
get either; pages without a finding are never rendered.

Boxes are measured on the page as displayed (a page with ``/Rotate`` is read turned, as PDFium renders
it), so images need no conversion; annotations live in the page's unrotated user space, and
:func:`user_space_rect` turns a displayed box back into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Text
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from orchestration.defs.build.reuse import OutputMemo, digest, new_file

DPI = 150
MEMO = "page_marks"  # <reports>/.page_marks.json: which marks each document's images were drawn from
SIDES = {
    # side: (label, outline colour, highlight colour)
    "expected": ("stated / expected", (31, 111, 235), "1f6feb"),
    "actual": ("computed / other side", (230, 120, 0), "ff9900"),
}
_OUTLINE = 3  # pixels
_PAD = 2.0  # points around a box, so the outline does not cover the glyphs
_LABEL_SIZE = 18  # pixels


@dataclass(frozen=True)
class Mark:
    """One side of one finding, placed on a page."""

    number: int  # the finding's number on its document's report page
    side: str  # expected / actual
    page: int
    box: tuple[float, float, float, float]
    note: str


def parse_box(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    x0, top, x1, bottom = (float(part) for part in str(text).split(","))
    return x0, top, x1, bottom


def side_places(finding: Mapping, side: str) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page, box) of every placed source of one side: its own box, or, for a side that sums several
    sources ("20132: p3 l4 t2 r6 c3; 20137: …"), the boxes ``finding_tables.read_findings`` found for them."""
    box = parse_box(finding.get(f"{side}_source_bbox"))
    page = finding.get(f"{side}_source_page")
    if box is not None and page is not None:
        return [(int(page), box)]
    return list(finding.get(f"{side}_part_places") or [])


def side_pages(finding: Mapping, side: str) -> list[int]:
    return sorted({page for page, _ in side_places(finding, side)})


def finding_marks(number: int, finding: Mapping) -> list[Mark]:
    """The placed sources of both sides of a finding (none when no side comes from a PDF)."""
    marks = []
    for side, (label, _, _) in SIDES.items():
        note = (
            f"#{number} {finding.get('status')}: {finding.get('rule_label') or finding.get('rule_id')} "
            f"({label} side, {finding.get(f'{side}_source_locator')}). {finding.get('detail') or ''}"
        ).strip()
        marks += [Mark(number, side, page, box, note) for page, box in side_places(finding, side)]
    return marks


def image_name(page: int) -> str:
    return f"p{page}.png"


def render_pages(pdf_path: Path, marks: list[Mark], directory: Path, dpi: int = DPI) -> dict[int, Path]:
    """One PNG per page that has a mark, boxes drawn; returns page → image path."""
    directory.mkdir(parents=True, exist_ok=True)
    by_page: dict[int, list[Mark]] = {}
    for mark in marks:
        by_page.setdefault(mark.page, []).append(mark)
    scale = dpi / 72
    written: dict[int, Path] = {}
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        for number, page_marks in sorted(by_page.items()):
            if not 1 <= number <= len(document):
                continue
            page = document[number - 1]
            try:
                image = page.render(scale=scale).to_pil().convert("RGB")
            finally:
                page.close()
            _draw(image, page_marks, scale)
            path = directory / image_name(number)
            with new_file(path) as partial:
                image.save(partial, format="PNG")  # optimize=True would cost ~0.5 s a page for 3% smaller files
            written[number] = path
    finally:
        document.close()
    return written


def _draw(image: Image.Image, marks: list[Mark], scale: float) -> None:
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=_LABEL_SIZE)
    for mark in marks:
        _, colour, _ = SIDES[mark.side]
        x0, top, x1, bottom = (mark.box[0] - _PAD, mark.box[1] - _PAD, mark.box[2] + _PAD, mark.box[3] + _PAD)
        x0, top, x1, bottom = x0 * scale, top * scale, x1 * scale, bottom * scale
        draw.rectangle((x0, top, x1, bottom), outline=colour, width=_OUTLINE)
        label = f"#{mark.number}"
        text_box = draw.textbbox((0, 0), label, font=font)
        width, height = text_box[2] - text_box[0] + 4, text_box[3] - text_box[1] + 4
        left, above = max(0.0, x0), max(0.0, top - height)
        draw.rectangle((left, above, left + width, above + height), fill=colour)
        draw.text((left + 2 - text_box[0], above + 2 - text_box[1]), label, fill=(255, 255, 255), font=font)


def user_space_rect(box, crop: tuple[float, float, float, float], rotation: int) -> tuple[float, ...]:
    """A displayed box (x0, top, x1, bottom from the top-left of the turned page) as a PDF rectangle
    (left, bottom, right, top) in the unrotated user space of a page with crop box ``crop`` =
    (left, bottom, right, top) and ``/Rotate`` ``rotation`` (degrees clockwise)."""
    left, bottom, right, top = crop
    x0, y0, x1, y1 = box
    corners = []
    for dx, dy in ((x0, y0), (x1, y1)):
        if rotation % 360 == 90:
            corners.append((left + dy, bottom + dx))
        elif rotation % 360 == 180:
            corners.append((right - dx, bottom + dy))
        elif rotation % 360 == 270:
            corners.append((right - dy, top - dx))
        else:
            corners.append((left + dx, top - dy))
    (ax, ay), (bx, by) = corners
    return (min(ax, bx) - _PAD, min(ay, by) - _PAD, max(ax, bx) + _PAD, max(ay, by) + _PAD)


def annotate_pdf(pdf_path: Path, marks: list[Mark], output: Path) -> Path:
    """A copy of the PDF with a highlight on every placed side and a note per finding."""
    writer = PdfWriter(clone_from=PdfReader(str(pdf_path)))
    noted: set[int] = set()
    for mark in marks:
        if not 1 <= mark.page <= len(writer.pages):
            continue
        page = writer.pages[mark.page - 1]
        crop = tuple(
            float(value) for value in (page.cropbox.left, page.cropbox.bottom, page.cropbox.right, page.cropbox.top)
        )
        rect = user_space_rect(mark.box, crop, page.rotation)
        quad = ArrayObject(
            [FloatObject(value) for value in (rect[0], rect[3], rect[2], rect[3], rect[0], rect[1], rect[2], rect[1])]
        )
        highlight = Highlight(rect=rect, quad_points=quad, highlight_color=SIDES[mark.side][2], printing=True)
        highlight[NameObject("/Contents")] = TextStringObject(mark.note)
        highlight[NameObject("/T")] = TextStringObject(f"#{mark.number} {mark.side}")
        writer.add_annotation(page_number=mark.page - 1, annotation=highlight)
        if mark.number not in noted:
            noted.add(mark.number)
            icon = (rect[2] + 2, rect[3] - 16, rect[2] + 18, rect[3])
            note = Text(rect=icon, text=mark.note)
            note[NameObject("/T")] = TextStringObject(f"finding #{mark.number}")
            writer.add_annotation(page_number=mark.page - 1, annotation=note)
    output.parent.mkdir(parents=True, exist_ok=True)
    with new_file(output) as partial, partial.open("wb") as handle:
        writer.write(handle)
    return output


@dataclass
class MarkingCost:
    """What drawing the findings cost: the report build time the issue of scale is about."""

    documents: int = 0
    pages: int = 0
    seconds: float = 0.0  # everything, opening the files included
    render_seconds: float = 0.0
    annotate_seconds: float = 0.0
    reused: int = 0  # documents whose images and annotated PDF from an earlier run still hold

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def mark_documents(
    directory: Path,
    documents: list[Mapping],
    findings_by_document: Mapping[str, list[Mapping]],
    order,
    unchanged: Iterable[str] = (),
    memo: OutputMemo | None = None,
    cost: MarkingCost | None = None,
) -> tuple[dict[str, dict], MarkingCost]:
    """Page images and an annotated PDF for every PDF document with a placed finding.

    ``order`` numbers a document's findings as its report page does. The ``unchanged`` documents (their
    findings and places are those of the last build: ``finding_tables.document_digests``) keep what the
    last build made for them without their findings being read. Returns, per document id, the images
    (page → path relative to ``directory``) and the annotated PDF, and what it cost. A PDF that has
    moved or no longer opens is skipped (its report page keeps the locators). Files made for documents
    that no longer have them (deleted, or no placed finding any more) are removed.

    A caller that marks the documents in batches passes its ``memo`` (``OutputMemo(directory, MEMO)``;
    it then saves it and removes the forgotten files itself, once every document is marked or kept) and
    the ``cost`` to add to.
    """
    started = perf_counter()
    marked: dict[str, dict] = {}
    cost = cost if cost is not None else MarkingCost()
    own_memo = memo is None
    memo = memo if memo is not None else OutputMemo(directory, MEMO)  # the same marks keep their files
    for document_id in unchanged:
        earlier = memo.carry(document_id, directory)
        if earlier is not None:
            marked[document_id] = _result(earlier)
    for document in documents:
        path = Path(str(document.get("source_path") or ""))
        findings = findings_by_document.get(document["document_id"], [])
        marks = [
            mark for number, finding in enumerate(order(findings), start=1) for mark in finding_marks(number, finding)
        ]
        if not marks or document.get("source_format") != "pdf" or not path.is_file():
            continue
        inputs = digest([marks, path.name])
        earlier = memo.recall(document["document_id"], inputs, directory)
        if earlier is not None:
            marked[document["document_id"]] = _result(earlier)
            continue
        folder = Path("pages") / str(document["document_id"])
        try:
            step = perf_counter()
            images = render_pages(path, marks, directory / folder)
            cost.render_seconds += perf_counter() - step
            step = perf_counter()
            annotated = annotate_pdf(path, marks, directory / "annotated" / f"{document['document_id']}_{path.name}")
            cost.annotate_seconds += perf_counter() - step
        except (pdfium.PdfiumError, PdfReadError, OSError):
            continue
        result = marked[document["document_id"]] = {
            "images": {page: (folder / image.name).as_posix() for page, image in images.items()},
            "annotated": annotated.relative_to(directory).as_posix(),
        }
        memo.remember(document["document_id"], inputs, marked_files(result), result)
        cost.documents += 1
        cost.pages += len(images)
    if own_memo:
        memo.save()
        memo.remove_forgotten(directory)
    cost.reused = memo.reused
    cost.seconds += perf_counter() - started
    return marked, cost


def _result(earlier: Mapping) -> dict:
    """A remembered result as ``mark_documents`` returns it (JSON made the page numbers strings)."""
    return {**earlier, "images": {int(page): image for page, image in earlier["images"].items()}}


def marked_files(result: Mapping) -> list[str]:
    """The files (relative to the reports folder) of one document's marks."""
    return [*result["images"].values(), result["annotated"]]
