"""The section context: a heading names, or scopes, the amounts of the paragraph below it."""

import pytest

from tests.ingestion.extract.narrative.support import check_sentence_form, sentence_forms


@pytest.mark.parametrize("case", sentence_forms("context"))
def test_sentence_form(case):
    check_sentence_form(case)
