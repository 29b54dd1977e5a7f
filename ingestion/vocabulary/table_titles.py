"""Table titles: which printed line names a table, and what a title says about the amounts below it.

A title restricts every amount of its table: its fund source (the ``table`` rows of ``fund_sources``),
its expense type (``measures.TABLE_EXPENSE_WORDS``), an economic class (``…工资福利支出…表``), or a
restriction the warehouse does not model (transfers, performance targets, procurement, assets, non-tax
income, and the funds below), in which case the table is skipped with an issue row.
"""

from __future__ import annotations

import re

from ingestion.vocabulary.fund_sources import TABLE_WORDS
from ingestion.vocabulary.numerals import CN_DIGITS

# A text line that may be a table's title (at most 60 characters, not ending a sentence).
TITLE_LIKE = re.compile(r"表|情况|三公|预算|决算")
# Table numbers printed above or beside titles: 公开表四, 公开01表, 附件1, 附表2 (never a title).
TABLE_NUMBER = re.compile(rf"^(?:公开|附)?(?:表|件)?[0-9{CN_DIGITS}]+表?$|^公开[0-9]+表$")

# Economic classes a title may restrict its table to.
SCOPE_ECONOMIC_CLASSES = (("工资福利", "301"), ("商品和服务", "302"), ("个人和家庭", "303"))
# Funds whose tables are not modelled (a government-fund table is still read when its title says so).
UNMODELLED_FUNDS = {"fiscal_special_account", "state_capital", "government_fund"}
UNMODELLED_TITLE_WORDS = ("转移支付", "绩效", "采购", "资产", "非税收入") + tuple(
    word for word, key in TABLE_WORDS if key in UNMODELLED_FUNDS
)
UNMODELLED_TITLE = re.compile("|".join(UNMODELLED_TITLE_WORDS))
PERFORMANCE = "绩效"  # a performance-target table may still print one project as a form
PROCUREMENT = "政府采购"  # a procurement table: its 合计 and 货物/工程/服务 rows are read as totals
THREE_PUBLIC = "三公"  # a 三公 table (title or header)
PROJECTS = "项目"  # a project list (when its rows carry no subject codes)
SUMMARY_TITLE = re.compile(r"收支.*总表|收入支出.*总表|收支总体情况表")  # 收支总表: totals and class amounts by name
