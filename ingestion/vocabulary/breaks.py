"""Where a clause, a sentence and a paragraph end: one policy for every prose reader.

* a **sentence** ends at ``。！？`` (full- or half-width): a ratio is read within its sentence, which
  may hold several semicolon-separated items whose amounts the percentage refers to;
* an **item** ends at a sentence end or a semicolon ``；;``: the snippet an amount is quoted with, and
  the items of a list (``其中：基本支出…；项目支出…``);
* a **clause** ends at any of those or a comma (``，``, and ``,`` unless it separates thousands:
  ``1,226.42``): the words of its clause before an amount are its label;
* a line **runs on** into the next unless it ends an item or a bracket closes it (``…（类）``);
* a paragraph ends mid-list when it ends with a semicolon (``…占 63.75%;``).
"""

from __future__ import annotations

SENTENCE_END_MARKS = "。！？!?"
ITEM_END_MARKS = "。；;！？!?"
SENTENCE_END = f"[{SENTENCE_END_MARKS}]"
ITEM_END = f"[{ITEM_END_MARKS}]"
CLAUSE_BREAK = r"[，。；;！？!?]|,(?!\d{3})|(?<!\d),"
# The marks a name or a compared-with phrase never spans (``与2019年相比``, ``占支出总额的``).
CLAUSE_MARKS = "，,。；;"
# A line that ends like this does not run on into the next one.
LINE_END = r"[。；;！？!?)）]\s*$"
# A paragraph that ends like this is complete (a heading's colon, an enumeration's full stop too).
PARAGRAPH_END = r"[。；;！？!?:：.]\s*$"
LIST_GOES_ON = r"[；;]\s*$"
