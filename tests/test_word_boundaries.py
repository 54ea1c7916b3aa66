"""Word boundaries: terms, topic words and places match only where they stand as words (cases as data)."""

from __future__ import annotations

import pytest
import yaml

from build_scripts.annotate.segmenter import standalone_words
from tests.conftest import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "word_boundaries.yml").read_text(encoding="utf-8"))


def test_enough_cases_of_each_kind():
    assert len(CASES["must_match"]) >= 20 and len(CASES["must_not_match"]) >= 20


@pytest.mark.parametrize("case", CASES["must_not_match"], ids=lambda c: c["text"])
def test_form_inside_another_word_does_not_stand_alone(case):
    start = case["text"].index(case["form"])
    assert not standalone_words().segmenter.stands_alone(case["text"], start, start + len(case["form"]))


@pytest.mark.parametrize("case", CASES["must_match"], ids=lambda c: c["text"])
def test_form_standing_as_a_word_stands_alone(case):
    start = case["text"].index(case["form"])
    assert standalone_words().segmenter.stands_alone(case["text"], start, start + len(case["form"]))
