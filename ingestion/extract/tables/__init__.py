"""Amounts printed in tables: subject line items, stated totals, and 三公 figures.

Every table goes through the same steps, whatever document or format it came from: find the header
rows and label each column (:mod:`.layout`), decide what each amount column measures from its label
(:mod:`.columns`: expense type, fund source, amount kind), then read each data row with the reader of the
table's form (:mod:`.interpret` chooses): expenditure tables by subject code (:mod:`.expenditure`),
summary tables of label / amount pairs (:mod:`.summary`), 三公 tables (:mod:`.three_public`), project
lists and forms (:mod:`.projects`). Code lists printed as prose lines are read by :mod:`.code_lines`.
A column whose meaning cannot be established is left out and recorded as an :class:`IssueFact` — never
guessed.
"""

from ingestion.extract.tables.code_lines import extract_code_lines
from ingestion.extract.tables.walk import document_unit, extract_tables

__all__ = ["document_unit", "extract_code_lines", "extract_tables"]
