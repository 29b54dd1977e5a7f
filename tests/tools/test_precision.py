"""The precision self-check: line items whose own printed words contradict their stored code."""

import pandas as pd

from tools.precision import wrong_subjects


def _frame(*rows):
    columns = ("functional_subject_code", "economic_subject_code", "subject_name", "code_source")
    columns += ("extraction_method", "reported_amount", "source_text", "source_locator")
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows])


def test_a_resolved_label_naming_another_subject_is_listed():
    frame = _frame(
        ("2013702", None, "行政运行", "resolved", "table", "12.00", "行政运行\t12.00", "p1 l1 t1 r3 c2"),
        ("2013701", None, "行政运行", "resolved", "table", "13.00", "行政运行\t13.00", "p1 l1 t1 r4 c2"),
    )
    [wrong] = wrong_subjects(frame)
    assert (wrong.check, wrong.code, wrong.locator) == ("label_names_other", "2013702", "p1 l1 t1 r3 c2")


def test_local_wordings_and_codes_printed_beside_the_label_are_not_judged():
    frame = _frame(
        ("2013799", None, "网络安全宣传专项", "resolved", "table", "1.00", "网络安全宣传专项\t1.00", "p1 l1 t1 r3 c2"),
        (None, "30307", "医疗费", "printed", "table", "30.24", "30307\t医疗费\t30.24", "p1 l1 t1 r4 c3"),
        ("2040601", None, "行政运行", "printed", "table", "5.00", "204\t06\t01\t行政运行\t5.00", "p1 l1 t1 r5 c5"),
    )
    assert wrong_subjects(frame) == []


def test_a_prose_amount_under_a_kuan_whose_sentence_names_a_xiang_is_listed():
    text = "4.社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。支出决算为12.34万元。"
    kept = "行政事业单位离退休（款）：2018年预算支出合计1,836.22万元，其中：行政单位离退休（项）800万元。"
    frame = _frame(
        ("20805", None, "行政事业单位养老支出", "resolved", "narrative", "12.34万元", text, "p2 l3"),
        ("20805", None, "行政事业单位离退休", "resolved", "narrative", "1,836.22万元", kept, "p2 l4"),
    )
    [wrong] = wrong_subjects(frame)
    assert (wrong.check, wrong.locator) == ("kuan_for_xiang", "p2 l3")
