"""Unit tests for the text rules of :mod:`build_scripts.text.rules`.

Every rule in ``clean.RULES`` gets before/after cases (including text that
must come through untouched), the registry itself is checked (order,
docstrings, doctests), and Hypothesis checks two properties over mixed
Chinese/ASCII text: applying a rule twice is the same as applying it once,
and no rule adds, drops or changes a Han character.
"""

from __future__ import annotations

import doctest
import inspect
import re
from collections import Counter

import pytest
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


def test_registry_order_is_the_order_of_definition_in_the_module():
    """``text_rule`` registers 'the next rule in order': source order is the order of application."""
    source = inspect.getsource(clean)
    defined = re.findall(r"@text_rule\([^\n]*\n(?:[^\n]*\n)*?def (\w+)\(", source)
    assert defined == [rule.name for rule in RULES]


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


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_every_rule_is_collected_for_doctest(rule):
    assert clean.__test__[rule.name] == rule.__doc__


def test_description_is_the_first_paragraph_of_the_docstring_on_one_line():
    rule = RULE["fullwidth_punctuation"]
    assert rule.description == "Half-width , : ; ( ) ? ! in Chinese running text become full-width."
    assert "\n" not in RULE["restore_spaced_title"].description


def test_spaced_title_rule_applies_only_to_display_kinds():
    assert RULE["restore_spaced_title"].applies_to == DISPLAY_KINDS
    assert RULE["fullwidth_punctuation"].applies_to == TEXT_KINDS
    assert RULE["remove_space_between_han_and_digit"].applies_to == TEXT_KINDS


# --- fullwidth_punctuation ----------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    pytest.param("茫茫大草原,一个党支部", "茫茫大草原，一个党支部", id="comma-between-han"),
    pytest.param("锡林郭勒发展巡礼(十三)", "锡林郭勒发展巡礼（十三）", id="brackets-around-han"),
    pytest.param("党委(党组)班子", "党委（党组）班子", id="brackets-inside-sentence"),
    pytest.param("夯基础、抓载体、促提升:为全面", "夯基础、抓载体、促提升：为全面", id="colon"),
    pytest.param("第一;第二", "第一；第二", id="semicolon"),
    pytest.param("怎么办?", "怎么办？", id="question-mark-at-end"),
    pytest.param("太好了!", "太好了！", id="exclamation-at-end"),
    pytest.param("2019年,10月", "2019年，10月", id="digit-on-one-side-only"),
    pytest.param("“两委”,正职", "“两委”，正职", id="next-to-fullwidth-quote"),
    pytest.param("服务e家,我们", "服务e家，我们", id="latin-before-han-after"),
    pytest.param("中 , 国", "中 ， 国", id="neighbour-found-across-spaces"),
])
def test_fullwidth_punctuation_repairs(before, after):
    assert RULE["fullwidth_punctuation"](before) == after


@pytest.mark.parametrize("text", [
    pytest.param("1,000", id="thousands-separator"),
    pytest.param("投入1,000万元", id="thousands-separator-in-han-text"),
    pytest.param("10:30", id="clock-time"),
    pytest.param("上午10:30开会", id="clock-time-in-han-text"),
    pytest.param("增长29.17%", id="decimal-percent"),
    pytest.param("第1, 2条", id="digits-across-a-space"),
    pytest.param("see (Smith, 2019)", id="english-citation"),
    pytest.param("Hello, world! Why?", id="english-sentence"),
    pytest.param("http://example.com/?q=1", id="url"),
    pytest.param("茫茫大草原，一个党支部", id="already-fullwidth"),
])
def test_fullwidth_punctuation_leaves_numbers_and_latin_text_alone(text):
    assert RULE["fullwidth_punctuation"](text) == text


@pytest.mark.parametrize("before, after", [
    pytest.param("好!!", "好！！", id="double-exclamation"),
    pytest.param("什么?!", "什么？！", id="interrobang"),
    pytest.param("啊!!!", "啊！！！", id="triple-exclamation"),
])
def test_fullwidth_punctuation_converts_a_whole_run_of_marks(before, after):
    assert RULE["fullwidth_punctuation"](before) == after


@pytest.mark.parametrize("before, after", [
    pytest.param("发展巡礼(2019)", "发展巡礼（2019）", id="han-then-bracketed-number"),
    pytest.param("中国(1949-2019)", "中国（1949-2019）", id="han-then-bracketed-range"),
    pytest.param("(2019)年", "（2019）年", id="bracketed-number-then-han"),
])
def test_fullwidth_punctuation_keeps_bracket_pairs_matched(before, after):
    assert RULE["fullwidth_punctuation"](before) == after


def test_fullwidth_punctuation_reports_each_change_with_its_position():
    text, changes = RULE["fullwidth_punctuation"].apply("甲,乙(丙)")
    assert text == "甲，乙（丙）"
    assert changes == [Change(1, 2, "，"), Change(3, 6, "（丙）")]


# --- remove_space_between_han_and_digit ------------------------------------------------

@pytest.mark.parametrize("before, after", [
    pytest.param("2016 年", "2016年", id="year-padding"),
    pytest.param("选派 78名", "选派78名", id="hard-wrap-residue-before-number"),
    pytest.param("年 2 月", "年2月", id="both-sides"),
    pytest.param("达到 75.7% 的标准", "达到75.7%的标准", id="percent-then-han"),
    pytest.param("共  12  个", "共12个", id="several-spaces"),
    pytest.param("2016\u3000年", "2016年", id="ideographic-space"),
    pytest.param("2016\xa0年", "2016年", id="no-break-space"),
    pytest.param("场所面积均达 440 平方米", "场所面积均达440平方米", id="seed-000-line-74"),
])
def test_remove_space_between_han_and_digit_repairs(before, after):
    assert RULE["remove_space_between_han_and_digit"](before) == after


@pytest.mark.parametrize("text", [
    pytest.param("夯实基层基础 筑牢战斗堡垒", id="space-between-two-han-may-be-a-lost-quote"),
    pytest.param("1 000", id="space-between-digits"),
    pytest.param("version 2", id="latin-then-digit"),
    pytest.param("12 abc", id="digit-then-latin"),
    pytest.param("2016年", id="no-space"),
    pytest.param("增长29.17%，", id="percent-no-space"),
])
def test_remove_space_between_han_and_digit_leaves_other_spaces(text):
    assert RULE["remove_space_between_han_and_digit"](text) == text


# --- restore_spaced_title ------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    pytest.param("启/航/新/征/程 展/现/新/作/为", "启航新征程 展现新作为", id="slashed-title-keeps-phrase-space"),
    pytest.param("启/航/新/征/程", "启航新征程", id="slashed-word"),
    pytest.param("党 旗 飘 扬", "党旗飘扬", id="letter-spaced-four"),
    pytest.param("奋 进 新 时 代", "奋进新时代", id="letter-spaced-five"),
    pytest.param("2021 党 旗 飘 扬", "2021 党旗飘扬", id="after-a-number"),
])
def test_restore_spaced_title_repairs(before, after):
    assert RULE["restore_spaced_title"](before) == after


@pytest.mark.parametrize("text", [
    pytest.param("夯实基层基础 筑牢战斗堡垒", id="two-phrases"),
    pytest.param("软指标 变 硬任务", id="lost-quotes-not-a-spaced-title"),
    pytest.param("党 旗 飘", id="three-single-characters-too-few"),
    pytest.param("党员/群众", id="slash-between-words"),
    pytest.param("党/团工作", id="slash-run-inside-a-word"),
    pytest.param("启/航/", id="dangling-slash"),
    pytest.param("2 0 1 9", id="spaced-digits"),
    pytest.param("A B C D", id="spaced-latin"),
    pytest.param("启航新征程", id="already-joined"),
])
def test_restore_spaced_title_leaves_fine_titles_alone(text):
    assert RULE["restore_spaced_title"](text) == text


def test_restore_spaced_title_understands_ideographic_spaces():
    assert RULE["restore_spaced_title"]("党\u3000旗\u3000飘\u3000扬") == "党旗飘扬"


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


def _idempotence_cases():
    for rule in RULES:
        marks = []
        yield pytest.param(rule, marks=marks, id=rule.name)


@pytest.mark.parametrize("rule", _idempotence_cases())
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

@pytest.mark.parametrize("text, flags", [
    pytest.param("五面红旗嘎查村 争创活动为各村搭建", ["五面红旗嘎查村 争创活动为各村"], id="seed-004-term"),
    pytest.param("五面红旗嘎查村\u3000争创活动", ["五面红旗嘎查村\u3000争创活动"], id="ideographic-space"),
    pytest.param("五面红旗嘎查村\xa0争创活动", ["五面红旗嘎查村\xa0争创活动"], id="no-break-space"),
    pytest.param("霍林郭勒市南露天煤矿 创新工作室 开展师带徒培训。",
                 ["勒市南露天煤矿 创新工作室 开", "矿 创新工作室 开展师带徒培训"], id="two-spaces-two-flags"),
])
def test_lost_quotes_are_flagged_in_paragraphs(text, flags):
    assert possible_lost_quotes(text, "paragraph") == flags


@pytest.mark.parametrize("text", [
    pytest.param("“评星晋级 争创双强六好”活动", id="inside-double-quotes"),
    pytest.param("‘评星晋级 争创双强六好’活动", id="inside-single-quotes"),
    pytest.param("学习《评星晋级 争创双强》文件", id="inside-title-marks"),
    pytest.param("2016 年工作", id="han-digit-space"),
    pytest.param("使用 WeChat 平台", id="han-latin-space"),
    pytest.param("锡林郭勒盟地处祖国北部边疆。", id="no-space"),
])
def test_quoted_and_non_han_spaces_are_not_flagged_in_paragraphs(text):
    assert possible_lost_quotes(text, "paragraph") == []


def test_captions_are_checked_like_running_text():
    assert possible_lost_quotes("夯实基层基础 筑牢战斗堡垒", "caption") == ["夯实基层基础 筑牢战斗堡垒"]


@pytest.mark.parametrize("text, kind, flagged", [
    pytest.param("夯实基层基础 筑牢战斗堡垒", "heading", False, id="two-long-phrases"),
    pytest.param("壮丽70年 建功新时代——锡林郭勒发展巡礼（十三）", "kicker", False, id="banner"),
    pytest.param("做优苏木乡镇党委 龙头 发挥引擎作用", "heading", True, id="short-middle-segment"),
    pytest.param("软指标 变 硬任务", "title", True, id="one-character-segment"),
    pytest.param("党旗 飘扬在草原", "subtitle", True, id="short-first-segment"),
    pytest.param("“评星晋级 争创双强六好”", "heading", False, id="space-inside-quotes"),
    pytest.param("锡林郭勒盟高标准高质量推进基层党建工作纪实", "title", False, id="no-space"),
])
def test_lost_quotes_in_display_kinds_only_next_to_a_short_segment(text, kind, flagged):
    assert possible_lost_quotes(text, kind) == ([text] if flagged else [])


@pytest.mark.parametrize("text", [
    pytest.param("一、 加强党的建设", id="space-after-enumeration-comma"),
    pytest.param("争创“五星” 党支部", id="space-after-closing-quote"),
    pytest.param("第一章 Overview", id="space-before-latin"),
])
def test_display_kinds_flag_only_spaces_between_two_han_characters(text):
    assert possible_lost_quotes(text, "heading") == []


def test_lost_quote_check_changes_nothing():
    text = "做优苏木乡镇党委 龙头 发挥引擎作用"
    possible_lost_quotes(text, "heading")
    assert clean_text(text, "paragraph")[0] == text
