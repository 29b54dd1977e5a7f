"""The scope of an economic amount of the prose: the expense part and the fund its words name, stated on
the line item (``prose_expense_scope``, ``prose_fund_source``) for the checks against the tables."""

from __future__ import annotations

import itertools
import random

import pytest

from ingestion.extract.facts import LineItemFact
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.narrative import extract_narrative_details, scopes
from ingestion.readers import read_document
from ingestion.vocabulary.measures import PROSE_SCOPES
from tests.ingestion.extract.narrative.support import read_prose

# Sentences and section titles of the bundled samples (warehouse/samples) and the real PDFs
# (../shared/corpus/pdf), with the amount and the scope they give.
REAL = [
    # 满城 2020 预算, line 49: the parts of the 机关运行经费
    ("第三部分:机关运行经费安排情况", "2020年机关运行经费安排8.3万元，其中办公费0.3万元，邮电费2.4万元", "2.4万元",
     "all", ("office_operation", "all")),
    # 株洲 2020 预算, line 143: under (一)基本支出 in the 一般公共预算 part
    ("(一)基本支出", "其中包括基本工资 53.42 万元、津贴补贴 37.37 万元、奖金 45.64 万元、公用经费 109.68 万元等。",
     "53.42 万元", "general_public_budget", ("basic", "general_public_budget")),
    # 株洲 2020 预算, line 169: names no part and no fund, so the whole budget of 会议费
    ("(三)国有资产占有情况", "（六）会议费、培训费预算：2020年预算安排会议费0万元。", "0万元", "all", ("total", "all")),
    # 那曲 2023 决算, line 138
    ("六、一般公共预算财政拨款基本支出决算情况说明", "对个人和家庭的补助中的生活补助5.4万元、奖励金1.5万元。",
     "1.5万元", "general_public_budget", ("basic", "general_public_budget")),
    # 江苏省检察院 2018 预算 (015) p29 l12: the fund is the section's, no part named
    ("(1)2018年无公务用车购置预算安排",
     "省检察院 2018 年度一般公共预算拨款安排的会议费预算支出 200.44 万元,比上年预算数增加 32.44 万元。",
     "200.44 万元", "general_public_budget", ("total", "general_public_budget")),
    # 江苏省人大常委会办公厅 2017 预算 (012) p29 l3 and l7: 用于 after the amount explains it, lists nothing
    ("十一、一般公共预算“三公”经费、会议费、培训费支出预算表情况说明",
     "江苏省人大常委会办公厅2017年度一般公共预算拨款安排的会议费预算支出1305.25万元,本年数小于上年预算数403.75万元,"
     "原因是从会议费预算中调减403.75万元用于培训费开支。", "1305.25万元", "general_public_budget",
     ("total", "general_public_budget")),
    ("十一、一般公共预算“三公”经费、会议费、培训费支出预算表情况说明",
     "江苏省人大常委会办公厅2017年度一般公共预算拨款安排的培训费预算支出403.75万元,比上年预算增加403.75万元,"
     "原因是从会议费预算中调减403.75万元用于培训费开支。", "403.75万元", "general_public_budget",
     ("total", "general_public_budget")),
]  # fmt: skip


@pytest.mark.parametrize(("title", "sentence", "printed", "section_fund", "scope"), REAL)
def test_real_sentences_name_their_scope(title, sentence, printed, section_fund, scope):
    assert scopes.scope_of(title, section_fund, sentence, printed) == scope


@pytest.mark.parametrize(
    ("title", "sentence", "scope"),
    [
        ("七、项目支出", "项目支出中委托业务费10万元", "project"),
        (None, "基本支出和项目支出中的办公费合计5万元", "mixed"),
        ("二、基本支出", "项目支出中培训费2万元", "mixed"),  # title and sentence together
        ("（三）机关运行经费", "基本支出中办公费5万元", "office_operation"),  # the narrowest part wins
        ("八、其他重要事项", "主要包括办公费5万元", "listed"),  # a part of a figure the sentence does not name
        ("八、其他重要事项", "其中差旅费3万元", "listed"),
        ("（六）会议费、培训费", "2020年预算安排培训费8万元。", "total"),
        (None, "人员经费中基本工资5万元", "total"),  # 人员经费 names no part of an economic subject here
        ("其中：基本支出", "办公费5万元", "basic"),  # the title's listing words do not count, its parts do
    ],
)
def test_an_expense_part_named_by_the_sentence_or_its_title(title, sentence, scope):
    assert scopes.expense_scope(title, sentence) == scope


@pytest.mark.parametrize(
    ("sentence", "printed", "scope"),
    [
        ("培训费预算支出8万元,主要用于干部培训。", "8万元", "total"),  # explains the amount, lists nothing
        ("公用经费20万元,主要包括办公费8万元。", "8万元", "listed"),
        ("会议费5万元,其中培训费5万元。", "5万元", "listed"),  # the same amount twice: its last copy counts
        ("其中办公费8万元", "9万元", "listed"),  # an amount not found: the whole sentence counts
    ],
)
def test_listing_words_count_before_the_amount_only(sentence, printed, scope):
    assert scopes.expense_scope("八、其他重要事项", sentence, printed) == scope


@pytest.mark.parametrize(
    ("section_fund", "sentence", "fund"),
    [
        ("government_fund", "一般公共预算安排差旅费4万元", "government_fund"),  # the section's fund first
        ("all", "一般公共预算安排差旅费4万元", "general_public_budget"),
        ("all", "政府性基金安排培训费2万元", "government_fund"),
        ("all", "国有资本经营预算安排办公费1万元", "state_capital"),
        ("all", "财政拨款安排会议费3万元", "fiscal_appropriation"),
        ("all", "安排会议费3万元", "all"),
    ],
)
def test_the_fund_is_the_sections_else_the_sentences(section_fund, sentence, fund):
    assert scopes.fund_source(section_fund, sentence) == fund


def test_generated_titles_and_sentences():
    """Every combination of part words and listing words, the parts placed in the title or the sentence,
    the listing word before or after the amount: the scope follows from which words are present, wherever
    they are, and from a listing word only before the amount."""
    parts = ["基本支出", "项目支出", "机关运行经费", "人员经费"]
    rng = random.Random(20260)
    combinations = itertools.chain.from_iterable(itertools.combinations(parts, n) for n in range(len(parts) + 1))
    for chosen, listing, listed_after in itertools.product(combinations, ("", "其中", "主要用于"), (False, True)):
        title_words = [word for word in chosen if rng.random() < 0.5]
        sentence_words = [word for word in chosen if word not in title_words]
        title = "、".join(title_words) or rng.choice([None, "八、其他事项"])
        printed = f"{rng.randint(1, 99)}万元"
        before, after = ("", listing) if listed_after else (listing, "")
        sentence = f"{'，'.join(sentence_words)}{before}办公费{printed}，{after}日常办公"
        scope = scopes.expense_scope(title, sentence, printed)
        assert scope in PROSE_SCOPES
        if "机关运行经费" in chosen:
            expected = "office_operation"
        elif {"基本支出", "项目支出"} <= set(chosen):
            expected = "mixed"
        elif "基本支出" in chosen or "项目支出" in chosen:
            expected = "basic" if "基本支出" in chosen else "project"
        else:
            expected = "listed" if listing and not listed_after else "total"
        assert scope == expected, (title, sentence)


def test_the_extractor_states_the_scope_of_economic_amounts_only():
    facts = read_prose(
        "六、一般公共预算财政拨款基本支出决算情况说明",
        "公用经费205.99万元，主要包括：商品和服务支出中的办公费9.86万元、印刷费1.66万元。",
        "七、其他重要事项",
        "2020年预算安排会议费6万元。",
        "（一）一般公共服务支出（类）人大事务（款）行政运行（项）100万元。",
        doc_kind="final_account",
    )
    items = {f.economic_subject_code or f.functional_subject_code: f for f in facts if isinstance(f, LineItemFact)}
    assert {code: (f.prose_expense_scope, f.prose_fund_source) for code, f in items.items()} == {
        "30201": ("basic", "general_public_budget"),
        "30202": ("basic", "general_public_budget"),
        "30215": ("total", "all"),
        "2010101": (None, None),  # a functional subject: its scope is its expense type and fund
    }


def test_the_samples_state_their_scopes(sample_path):
    """满城's 机关运行经费 parts and 那曲's 基本支出 section, as the golden warehouse checks read them."""
    found = {}
    for key in ("mancheng", "nagqu"):
        document = read_document(sample_path(key))
        metadata = extract_metadata(document)
        result = extract_narrative_details(
            document.text_lines(), doc_kind=metadata.doc_kind, fiscal_year=metadata.fiscal_year
        )
        for fact in result.facts:
            if isinstance(fact, LineItemFact) and fact.economic_subject_code:
                found[(key, fact.evidence.locator.line, fact.economic_subject_code)] = (
                    fact.prose_expense_scope,
                    fact.prose_fund_source,
                )
    assert found[("mancheng", 49, "30201")] == ("office_operation", "all")
    assert found[("mancheng", 49, "30207")] == ("office_operation", "all")
    assert found[("nagqu", 138, "30101")] == ("basic", "general_public_budget")
    assert found[("nagqu", 138, "30305")] == ("basic", "general_public_budget")
    assert set(found.values()) == {("office_operation", "all"), ("basic", "general_public_budget")}
