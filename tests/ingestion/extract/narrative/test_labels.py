"""Labels: the year printed before an amount makes it the prior year's."""

from tests.ingestion.extract.narrative.support import read_prose, three_public_of


def test_an_amount_of_an_earlier_year_is_the_prior_year():
    facts = read_prose(
        "2019年“三公”经费财政拨款预算数为3万元，2020年“三公”经费财政拨款预算数为2万元。", fiscal_year=2020
    )
    assert three_public_of(facts) == {("total", "prior_year"): "3万元", ("total", "budget"): "2万元"}
