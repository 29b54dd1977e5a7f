"""The narrative extractor on the prose of the real PDFs, at the sentences that were once misread.

Each sentence was read off the page with pdfplumber's ``page.extract_text()``; the locator is the line
the amount is printed on (``ingestion.readers``' text lines). The golden warehouse-level checks of the
same files live in ``tests/integration/test_real_pdf_facts.py``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from ingestion.extract.facts import IssueFact, LineItemFact, TotalFact
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.narrative import NarrativeResult, extract_narrative_details
from ingestion.extract.tables import document_unit
from ingestion.readers import read_document
from tests.corpus import corpus_file


@cache
def _narrative(number: str) -> NarrativeResult:
    document = read_document(corpus_file(number))
    metadata = extract_metadata(document)
    return extract_narrative_details(
        document.text_lines(),
        doc_kind=metadata.doc_kind,
        default_unit=document_unit(document),
        fiscal_year=metadata.fiscal_year,
        agency_name=metadata.agency_name,
    )


def _at(number: str, locator: str, amount: str) -> list:
    """Facts and changes of ``number`` printed at ``locator`` whose printed amount starts with ``amount``."""
    result = _narrative(number)
    found = []
    for fact in [*result.facts, *result.changes]:
        evidence = getattr(fact, "evidence", None)
        if evidence is not None:
            if str(evidence.locator) == locator and evidence.reported_amount.startswith(amount):
                found.append(fact)
        elif isinstance(fact, IssueFact) and str(fact.locator) == locator and amount in fact.detail:
            found.append(fact)
    return found


@pytest.mark.parametrize(
    "number, locator, amount, direction",
    [
        # 012 p23: "…提租补贴调整等原因,增加基本支出 844.15 万元。" (basic expenditure +844.15 on the year)
        ("012", "p23 l10", "844.15", "increase"),
        # 015 p24: "…这一因素较上年减少部门支出 1,653 万元。"
        ("015", "p24 l12", "1,653", "decrease"),
    ],
)
def test_a_change_word_before_the_label_is_a_change(number, locator, amount, direction):
    [change] = _at(number, locator, amount)
    assert not isinstance(change, TotalFact)
    assert change.direction == direction


@pytest.mark.parametrize(
    "locator, amount, code",
    [
        # 015 p26: "(二)社会保障和就业支出(类)" / "行政事业单位离退休(款):2018 年预算支出合计 1,836.22 万元。"
        ("p26 l22", "1,836.22", "20805"),
        # 015 p27: "(三)住房保障支出(类)" / "住房改革支出(款): 2018 年预算支出合计 3,660.38 万元。"
        ("p27 l10", "3,660.38", "22102"),
    ],
)
def test_015_kuan_subtotals_are_line_items(locator, amount, code):
    [item] = _at("015", locator, amount)
    assert isinstance(item, LineItemFact)
    # under "五、财政拨款支出预算情况说明" (p25)
    assert (item.functional_subject_code, item.expense_type, item.fund_source, item.amount_kind) == (
        code,
        "total",
        "fiscal_appropriation",
        "budget",
    )


def test_015_unknown_kuan_subtotal_is_an_issue_not_the_total():
    # 015 p26: "(一)公共安全支出(类)" / "检察(款): 2018 年预算支出合计 16,444.36 万元。" — 204 has no 款
    # rows in the reference, so the 款 cannot be coded here (the p15 table prints 20404).
    [issue] = _at("015", "p26 l8", "16,444.36")
    assert isinstance(issue, IssueFact) and issue.issue_kind == "subject_unresolved"


@pytest.mark.parametrize(
    "number, locator, amount, measure, fund_source, amount_kind, yuan",
    [
        # 015 p27: "省检察院 2018 年度财政拨款基本支出预算 13,979.92 万元。"
        ("015", "p27 l15", "13,979.92", "basic_expenditure", "fiscal_appropriation", "budget", "139799200.00"),
        # 001 p21: "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比,
        # 财政拨款收入支出总计持平。" — a stated total (unchanged on the year), not a change.
        ("001", "p21 l14", "0.3", "grand_total", "fiscal_appropriation", "actual", "3000.00"),
    ],
)
def test_a_fiscal_appropriation_total(number, locator, amount, measure, fund_source, amount_kind, yuan):
    [total] = _at(number, locator, amount)
    assert (total.measure, total.fund_source, total.amount_kind) == (measure, fund_source, amount_kind)
    assert total.evidence.amount_yuan == Decimal(yuan)


@pytest.mark.parametrize(
    "locator, amount, code, kind",
    [
        # 001 p22 l1-l2: "1、一般公共服务支出(类)财政事务(款)行政运行(项)。主要用于:局本部人" /
        # "员经费及公用经费等的基本支出。年初预算为1560.05万元,支出决算为1511.89万"
        ("p22 l2", "1560.05", "2010601", "budget"),
        ("p22 l2", "1511.89", "2010601", "actual"),
        # 001 p22 l14-l15: "5、社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休" /
        # "(项)。主要用于:退休人员经费支出。年初预算为85.55万元,支出决算为84.65万"
        ("p22 l15", "85.55", "2080501", "budget"),
        ("p22 l15", "84.65", "2080501", "actual"),
        # 001 p22 l17-l19: "…(款)机关事业单位基本养老" / "保险缴费支出(项)。…年初预算为" /
        # "161.62万元,支出决算为160.75万元。"
        ("p22 l19", "161.62", "2080505", "budget"),
        ("p22 l19", "160.75", "2080505", "actual"),
        # 001 p22 l34-l35: "11、住房保障支出(类)住房改革支出(款)购房补贴(项)。主要用于:缴纳在职" /
        # "人员住房购房补贴。年初预算为258.50万元,支出决算为258.50万元。"
        ("p22 l35", "258.50", "2210203", "budget"),
    ],
)
def test_001_items_titled_by_their_path_take_it(locator, amount, code, kind):
    found = [fact for fact in _at("001", locator, amount) if isinstance(fact, LineItemFact)]
    read = [(fact.functional_subject_code, fact.amount_kind) for fact in found]
    assert (code, kind) in read and {found_code for found_code, _ in read} == {code}
