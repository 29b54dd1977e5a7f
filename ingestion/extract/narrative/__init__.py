"""Narrative extraction: amounts stated in the prose of a disclosure, with provenance.

``extract_narrative(lines, doc_kind=…, default_unit=…)`` is what the pipeline calls; it returns facts
(``ingestion.extract.facts``): totals, 三公 categories, 政府采购 and 机关运行经费, line items by functional
or economic subject (codes resolved from names, see ``ingestion.extract.subjects``), projects, and an
issue row for every amount it saw but could not place. ``extract_narrative_details`` also returns the
numbers that are not amounts (percentages, year-on-year changes, headcounts).

One mechanism serves every sentence family: the words right before an amount (``labels``), matched
against each family's table of labels (``totals``, ``three_public``, ``procurement``,
``office_operation``) and against the reference's subject names (``subject_names``).
"""

from ingestion.extract.narrative.details import ChangeFact, PercentageFact, StaffingFact
from ingestion.extract.narrative.extract import (
    NarrativeResult,
    extract_narrative,
    extract_narrative_details,
)
from ingestion.extract.narrative.paragraphs import is_table_line

__all__ = [
    "ChangeFact",
    "NarrativeResult",
    "PercentageFact",
    "StaffingFact",
    "extract_narrative",
    "extract_narrative_details",
    "is_table_line",
]
