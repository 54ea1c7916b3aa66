"""Unit tests for the text rules of :mod:`build_scripts.text.rules`.

Every rule in ``clean.RULES`` gets before/after cases (including text that
must come through untouched), the registry itself is checked (order,
docstrings, doctests), and Hypothesis checks two properties over mixed
Chinese/ASCII text: applying a rule twice is the same as applying it once,
and no rule adds, drops or changes a Han character.
"""

from __future__ import annotations

import doctest
import re
from collections import Counter

import pytest
from case_files import cases_as_params, load_cases
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from build_scripts.text import rules as clean
from build_scripts.text.rules import (
    DISPLAY_KINDS,
    HAN_RE,
    RULES,
    TEXT_KINDS,
    Change,
    clean_text,
    possible_lost_quotes,
)

RULE = {rule.name: rule for rule in RULES}
DOCUMENTED_ORDER = ["fullwidth_punctuation", "remove_space_between_han_and_digit", "restore_spaced_title"]


def han(text: str) -> Counter:
    return Counter(HAN_RE.findall(text))


# --- the registry ---------------------------------------------------------------

def test_registry_holds_the_documented_rules_in_order():
    assert [rule.name for rule in RULES] == DOCUMENTED_ORDER


def test_apparatus_lists_substantive_rules_first_then_mechanical_each_in_registry_order():
    """A report page's edit log has one group per rule that fired: substantive rules before mechanical ones,
    each kind in the order the rules are applied (text rules among them in their own order)."""
    from build_scripts.annotate.places import Gazetteer
    from build_scripts.pipeline import ROOT, reports_from_seed
    from build_scripts.site.report_page import page_markdown
    from build_scripts.text.assemble import RULE_LABELS, RULE_ORDER
    from build_scripts.text.ingest import read_seed

    fired = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for report in reports_from_seed(read_seed(path), Gazetteer()):
            page = page_markdown(report)
            groups = re.findall(r'<details class="rule-group" id="rule-[a-z-]+" data-rule="(\w+)">', page)
            assert sorted(groups) == sorted({edit.rule for edit in report.edits}), report.id
            kinds = [RULE_LABELS[rule].substantive for rule in groups]
            assert kinds == sorted(kinds, reverse=True), report.id  # every substantive group before any mechanical
            for substantive in (True, False):
                same_kind = [rule for rule in groups if RULE_LABELS[rule].substantive == substantive]
                assert same_kind == sorted(same_kind, key=RULE_ORDER.index), report.id
            fired += [name for name in groups if name in RULE]
    assert set(fired) == set(RULE)  # every text rule fires somewhere in the seeds


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_every_rule_has_a_docstring_with_a_passing_doctest_of_itself(rule):
    assert rule.__doc__ and rule.description, "a rule must say which defect it repairs"
    examples = doctest.DocTestParser().get_examples(rule.__doc__)
    assert examples, f"{rule.name} has no doctest"
    assert any(example.source.startswith(f"{rule.name}(") for example in examples)
    test = doctest.DocTestParser().get_doctest(rule.__doc__, {rule.name: rule}, rule.name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=lambda _: None)
    assert runner.failures == 0


def test_pytest_collects_every_rule_doctest():
    """The rules are objects, not functions, so doctest finds their examples only through ``__test__``:
    the finder pytest's --doctest-modules uses must return one test per rule, holding the rule's examples."""
    found = {test.name.rsplit(".", 1)[-1]: test for test in doctest.DocTestFinder().find(clean)
             if ".__test__." in test.name}
    for rule in RULES:
        assert rule.name in found, f"{rule.name}'s doctest would not run"
        assert [e.source for e in found[rule.name].examples] == [
            e.source for e in doctest.DocTestParser().get_examples(rule.__doc__)]


def test_description_is_the_first_paragraph_of_the_docstring_on_one_line():
    rule = RULE["fullwidth_punctuation"]
    assert rule.description == "Half-width , : ; ( ) ? ! in Chinese running text become full-width."
    assert "\n" not in RULE["restore_spaced_title"].description


def test_spaced_title_rule_applies_only_to_display_kinds():
    assert RULE["restore_spaced_title"].applies_to == DISPLAY_KINDS
    assert RULE["fullwidth_punctuation"].applies_to == TEXT_KINDS
    assert RULE["remove_space_between_han_and_digit"].applies_to == TEXT_KINDS


# --- before/after and must-not-change cases (tests/cases/rules.yml) -------------------------------

RULE_CASES = load_cases("rules.yml")


def test_every_rule_has_cases_that_change_text_and_cases_that_must_not():
    for rule in RULES:
        cases = [case for case in RULE_CASES if case["rule"] == rule.name]
        assert any("after" in case for case in cases) and any("after" not in case for case in cases), rule.name
    assert {case["rule"] for case in RULE_CASES} <= set(RULE)


@pytest.mark.parametrize("case", cases_as_params(RULE_CASES, lambda case: f"{case['rule']}:{case['label']}"))
def test_rule_case(case):
    """The rule makes ``after`` of ``text``; without ``after`` the text must come through unchanged."""
    assert RULE[case["rule"]](case["text"]) == case.get("after", case["text"])


def test_fullwidth_punctuation_reports_each_change_with_its_position():
    text, changes = RULE["fullwidth_punctuation"].apply("甲,乙(丙)")
    assert text == "甲，乙（丙）"
    assert changes == [Change(1, 2, "，"), Change(3, 6, "（丙）")]


# --- rules and kinds ------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(DISPLAY_KINDS))
def test_clean_text_restores_spaced_titles_in_display_kinds(kind):
    assert clean_text("党 旗 飘 扬", kind)[0] == "党旗飘扬"


@pytest.mark.parametrize("kind", ["paragraph", "caption"])
def test_clean_text_never_joins_letter_spacing_in_running_text(kind):
    assert clean_text("党 旗 飘 扬", kind) == ("党 旗 飘 扬", [])


# --- clean_text -------------------------------------------------------------------

def test_clean_text_applies_rules_in_order_and_records_each_change_in_context():
    text, records = clean_text("茫茫大草原,选派 78名", "paragraph")
    assert text == "茫茫大草原，选派78名"
    assert records == [
        ("fullwidth_punctuation", "茫茫大草原,选派 78名", "茫茫大草原，选派 78名"),
        ("remove_space_between_han_and_digit", "大草原，选派 78名", "大草原，选派78名"),
    ]


def test_clean_text_leaves_clean_text_without_records():
    text = "锡林郭勒盟地处祖国北部边疆，投入1,000万元，增长29.17%，10:30开会。"
    assert clean_text(text, "paragraph") == (text, [])


# --- properties -------------------------------------------------------------------

HAN_CHARS = "党建锡林郭勒盟旗委书记中国启航新征程夯实基层"
ASCII_PUNCT = ",:;()?!.%/-"
FULLWIDTH_PUNCT = "，。：；（）？！、“”《》"
SPACES = " \u3000\xa0"
MIXED = st.text(st.sampled_from(list(HAN_CHARS + "0123456789" + ASCII_PUNCT + FULLWIDTH_PUNCT + SPACES + "ab")),
                max_size=40)
PROPERTY = settings(max_examples=400, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.filter_too_much])
PUNCT_RUN_RE = re.compile(r"[,:;()?!][ \u3000]*[,:;()?!]")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@PROPERTY
@given(MIXED)
@example(text="好!!")
def test_every_rule_is_idempotent(rule, text):
    once = rule(text)
    assert rule(once) == once


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@PROPERTY
@given(MIXED)
def test_every_rule_is_idempotent_on_text_without_runs_of_halfwidth_marks(rule, text):
    assume(not PUNCT_RUN_RE.search(text))
    once = rule(text)
    assert rule(once) == once


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
@PROPERTY
@given(MIXED)
@example(text="启/航/新/征/程 2016 年,增长29.17%")
def test_no_rule_changes_the_han_characters(rule, text):
    assert han(rule(text)) == han(text)


@pytest.mark.parametrize("kind", ["paragraph", "heading"])
@PROPERTY
@given(MIXED)
@example(text="什么?!")
def test_clean_text_is_idempotent(kind, text):
    once = clean_text(text, kind)[0]
    assert clean_text(once, kind) == (once, [])


@pytest.mark.parametrize("kind", sorted(TEXT_KINDS))
@PROPERTY
@given(MIXED)
def test_clean_text_is_idempotent_on_text_without_runs_of_halfwidth_marks(kind, text):
    assume(not PUNCT_RUN_RE.search(text))
    once = clean_text(text, kind)[0]
    assert clean_text(once, kind) == (once, [])


@pytest.mark.parametrize("kind", sorted(TEXT_KINDS))
@PROPERTY
@given(MIXED)
def test_clean_text_keeps_every_han_character(kind, text):
    assert han(clean_text(text, kind)[0]) == han(text)


# --- possible_lost_quotes ------------------------------------------------------------

LOST_QUOTE_CASES = load_cases("lost-quotes.yml")


@pytest.mark.parametrize("case", cases_as_params(LOST_QUOTE_CASES))
def test_lost_quote_case(case):
    """Running text flags any space between Han characters; display lines only one next to a short segment."""
    assert possible_lost_quotes(case["text"], case["kind"]) == case["flags"]


def test_lost_quote_check_changes_nothing():
    text = "做优苏木乡镇党委 龙头 发挥引擎作用"
    possible_lost_quotes(text, "heading")
    assert clean_text(text, "paragraph")[0] == text
