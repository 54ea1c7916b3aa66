"""Figures (issue 18): the composed cases of tests/figure-cases/, the Chinese-numeral reader against cn2an, and the
report-level rules (subject place, reporting year) with the report metadata other issues add."""

from __future__ import annotations


import pytest
from figure_cases import (
    CASES,
    case_report,
    check_accounting,
    load,
    mismatches,
    read_case,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.annotate.figure_context import (
    reporting_year,
    subject_places,
)
from build_scripts.annotate.figure_numbers import chinese_number, non_figure_spans
from build_scripts.annotate.places import Gazetteer

FILES = ("reading.yml", "not-figures.yml", "context.yml")
ALL = {name: load(name) for name in FILES + ("known-failures.yml",)}


def test_cases_are_many_distinct_and_cover_every_kind_of_rule():
    labels = [case["label"] for cases in ALL.values() for case in cases]
    assert len(labels) == len(set(labels)), "labels must be unique"
    assert len(labels) >= 60
    expected = [f for name in FILES for case in ALL[name] for f in case.get("figures", [])]
    assert {f["kind"] for f in expected if isinstance(f.get("kind"), str)} == {"achievement", "target", "standard",
                                                                            "average"}
    assert {e["reason"] for case in ALL["not-figures.yml"] for e in case.get("not_figures", [])} >= {
        "date", "time", "page", "phone", "code", "year", "ordinal", "period"}
    assert (CASES / "README.md").exists()


@pytest.mark.parametrize("case", [c for name in FILES for c in ALL[name]], ids=lambda c: c["label"])
def test_case(case):
    assert mismatches(case) == []


@pytest.mark.parametrize("case", ALL["known-failures.yml"], ids=lambda c: c["label"])
def test_known_failure_still_fails(case):
    """A known failure that starts passing is news: move it to its file."""
    assert mismatches(case), f"{case['label']} passes now: move it out of known-failures.yml"


@pytest.mark.parametrize("case", [c for name in FILES for c in ALL[name]], ids=lambda c: c["label"])
def test_case_accounts_for_every_digit(case):
    report = case_report(case)
    check_accounting({(report.id, i.id): i.text for i in report.items}, [read_case(case)])


# --- Chinese numerals ----------------------------------------------------------------------------------

@settings(deadline=None, max_examples=500)
@given(st.integers(min_value=1, max_value=999_999_999))
def test_chinese_numerals_read_as_cn2an_writes_them(number):
    """cn2an (a test-only dependency) writes the numeral; the archive's own reader must read it back."""
    cn2an = pytest.importorskip("cn2an")
    assert chinese_number(cn2an.an2cn(number)) == number


@pytest.mark.parametrize("text", ["一二三", "七八十", "十三五", "百十", "二十百", "第一", "千方百计"])
def test_malformed_numerals_are_not_numbers(text):
    assert chinese_number(text) is None


def test_two_and_liang_read_alike():
    assert chinese_number("两千") == chinese_number("二千") == 2000
    assert chinese_number("两万三千") == 23000


@pytest.mark.parametrize("text, reasons", [
    ("17-09-21 09:30", ["date", "time"]),
    ("2016-05-09 10:42:05", ["date", "time"]),
    ("当前版：03版", ["page"]),
    ("咨询电话：0479-8223456", ["phone"]),
    ("〔2019〕12号", ["code"]),
    ("网格2093个，覆盖率52.7%", []),
    ("8—10颗星", []),
    ("15.6亿元", []),
])
def test_non_figure_spans(text, reasons):
    assert [reason for *_, reason in non_figure_spans(text)] == reasons


# --- the report's subject place and reporting year, before and after the model carries them ---------------

@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


def test_subject_place_from_title_byline_or_text(gazetteer):
    banner = case_report({"text": "全旗建立网格168个。", "report": {"title": "乌审旗：网格连着千万家",
                                                               "regions": ["鄂尔多斯市", "乌审旗"]}})
    assert subject_places(banner, gazetteer) == (("乌审旗",), "named in the title")
    byline = case_report({"text": "全盟建立网格168个。", "report": {"title": "述职报告", "regions": ["兴安盟"],
                                                              "authors": [{"name": "李明", "role": "author",
                                                                           "office": "兴安盟委书记"}]}})
    assert subject_places(byline, gazetteer)[0] == ("兴安盟",)
    text = case_report({"text": "通辽市推进网格化管理，通辽市各旗县市区全面推开，科尔沁区先行。",
                        "report": {"title": "网格连着千万家", "regions": ["通辽市", "科尔沁区"]}})
    assert subject_places(text, gazetteer)[0] == ("通辽市",)


def test_reporting_year_from_the_model_wins():
    report = case_report({"text": "全市发展党员860名。", "report": {"date": "2018-01-20", "doc_type": "duty_report"}})
    assert reporting_year(report)[0] == 2018  # no evidence of a review: the date's year
    report.reporting_year, report.reporting_year_basis = 2017, "sidecar: the 2017 述职"
    assert reporting_year(report) == (2017, "the report's reporting year 2017 (sidecar: the 2017 述职)")
