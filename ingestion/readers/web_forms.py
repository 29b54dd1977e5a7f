"""Steps between reading a file and identifying it, for the forms web pages and mirrors take.

:func:`prepare` converts a page printed in traditional characters to simplified (``traditional``) and
turns ``|``-separated cell runs into tables (``pipe_tables``). Each step leaves a document it does not
apply to untouched and says what it did, so the pipeline can record it as an extraction issue row and
the coverage tool re-reads the document exactly as the pipeline did.
"""

from __future__ import annotations

from ingestion.document import Document
from ingestion.readers.pipe_tables import with_pipe_tables
from ingestion.readers.traditional import simplified

NOTES = {
    "text_converted_to_simplified": "the document is printed in traditional characters; it was read after "
    "conversion to simplified (OpenCC t2s, pinyin glosses removed), so its snippets show the converted text",
    "pipe_table_rebuilt": "a table printed as '|'-separated cells was rebuilt into rows from the shape of its cells",
}


def prepare(document: Document) -> tuple[Document, list[str]]:
    """The document ready for the extractors, and the keys of :data:`NOTES` for the steps applied."""
    notes = []
    converted = simplified(document)
    if converted is not None:
        document, notes = converted, notes + ["text_converted_to_simplified"]
    rebuilt = with_pipe_tables(document)
    if rebuilt is not None:
        document, notes = rebuilt, notes + ["pipe_table_rebuilt"]
    return document, notes
