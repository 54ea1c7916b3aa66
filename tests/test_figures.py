"""Figures (issues 8 and 18): reading quantities, accounting for every number, the hand-checked sample, indicators
that chart only achievements, downloads.  The composed cases of tests/figure-cases/ run in test_figure_cases.py."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from figure_cases import (
    benchmarks_section,
    check_accounting,
    precision_table,
    sample_judgements,
    sample_precision,
)
from test_browser import new_page

from build_scripts.annotate.figure_context import load_indicators
from build_scripts.annotate.figures import item_figures
from build_scripts.annotate.places import Gazetteer
from build_scripts.errors import DataFileError
from build_scripts.export.datapackage import check_dictionary, load_dictionary
from build_scripts.model import Item
from build_scripts.pipeline import build_reports
from build_scripts.site.figure_pages import figure_outputs

ROOT = Path(__file__).resolve().parent.parent


def read(text: str):
    return item_figures("r", Item("p1", "paragraph", text, (1, 1)))


@pytest.fixture(scope="module")
def corpus():
    reports = build_reports(ROOT / "seeds")
    return reports, figure_outputs(reports, Gazetteer())


# --- reading one figure: before → after ---------------------------------------------------------------

@pytest.mark.parametrize("text, written, value, unit, qualifier, subject", [
    ("全盟建立党员中心户1399户", "1399户", 1399, "户", None, "党员中心户"),
    ("全盟855个嘎查村共划分网格2093个", "2093个", 2093, "个", None, "网格"),
    ("1.9万多名在职党员到社区报到", "1.9万多名", 19000, "名", "多", "在职党员"),
    ("投入各类扶贫资金15.6亿元", "15.6亿元", 1_560_000_000, "元", None, "扶贫资金"),
    ("累计为614户党员中心户提供贴息贷款6500余万元", "6500余万元", 65_000_000, "元", "余", "贴息贷款"),
    ("一肩挑比例达到51.9%", "51.9%", 51.9, "%", None, "一肩挑比例"),
    ("阵地面积平均1600平方米以上", "1600平方米以上", 1600, "平方米", "平均、以上", "阵地面积"),
    ("各级党员干部讲党课2万余人次", "2万余人次", 20000, "人次", "余", "党课"),
    ("选派78名副处级后备干部", "78名", 78, "名", None, "副处级后备干部"),
    ("95.5%的社区建立了联合党委", "95.5%", 95.5, "%", None, "社区"),
    ("争取扶持资金近1.54亿元", "1.54亿元", 154_000_000, "元", "近", "扶持资金"),
    ("4人被免职", "4人", 4, "人", None, "被免职"),
    ("将经费提高到每个社区19万元", "19万元", 190_000, "元", None, "经费"),
    ("带动11.5万牧民致富", "11.5万", 115_000, None, None, "牧民"),
])
def test_reads_a_figure(text, written, value, unit, qualifier, subject):
    [figure] = [f for f in read(text).figures if f.text == written]
    assert (figure.value, figure.unit, figure.qualifier, figure.subject) == (value, unit, qualifier, subject)
    assert text[figure.start:figure.end] == written


def test_range_keeps_both_bounds():
    [figure] = read("将评定为8—10颗星的嘎查村党组织择优评为最强党支部").figures
    assert (figure.value, figure.value_to, figure.unit, figure.subject) == (8, 10, "颗", "嘎查村党组织")


def test_pair_after_fenbie_splits_the_subject():
    first, second = read("非公企业和社会组织党组织覆盖率分别达到60%和55%以上").figures
    assert (first.subject, first.value) == ("非公企业党组织覆盖率", 60)
    assert (second.subject, second.value, second.qualifier) == ("社会组织党组织覆盖率", 55, "以上")


def test_change_shares_unit_and_inherits_subjects_pairwise():
    figures = read("全市非公和社会组织党组织覆盖率分别达到75%和65%，较上年提高33和26个百分点").figures
    change = [(f.value, f.unit, f.subject, f.comparison) for f in figures[2:]]
    assert change == [(33, "百分点", "非公党组织覆盖率", "较上年提高"), (26, "百分点", "社会组织党组织覆盖率", "较上年提高")]


def test_comparison_without_a_subject_counts_what_came_before():
    age, change = read("全盟苏木镇党委班子平均年龄37岁，较上届降低3岁").figures
    assert change.subject == age.subject == "苏木镇党委班子平均年龄" and change.comparison == "较上届降低"


@pytest.mark.parametrize("text, reason", [
    ("2016年在党中央和自治区党委的正确领导下", "year"),
    ("2016—2018年", "year"),
    ("7月1日", "date"),
    ("一名80后本科学历干部", "cohort"),
    ("从严落实“1+3”制度体系", "formula"),
    ("推行“456”工作法", "formula"),
    ("颁发“光荣在党50年”纪念章", "formula"),
    ("位列排行第18位", "ordinal"),
    ("庆祝建党100周年", "anniversary"),
    ("1、加强领导", "section_number"),
    ("推广5G应用", "name"),
])
def test_numbers_that_are_not_figures(text, reason):
    found = read(text)
    assert not found.figures and {e.reason for e in found.excluded} == {reason}


@pytest.mark.parametrize("text", ["一名党员就是一面旗帜", "落实三会一课制度", "五面红旗嘎查村", ""])
def test_text_without_arabic_numbers_has_no_figures(text):
    found = read(text)
    assert found.figures == [] and found.excluded == []


# --- every number accounted for -------------------------------------------------------------------------

def test_every_digit_run_is_a_figure_or_an_excluded_number(corpus):
    reports, outputs = corpus
    items = {(r.id, i.id): i.text for r in reports for i in r.items}
    found = list(outputs["figures"].values())
    in_figures, excluded = check_accounting(items, found)
    assert len(excluded) < in_figures / 4  # most numbers in these reports are figures


def test_figures_point_at_their_text(corpus):
    reports, outputs = corpus
    items = {(r.id, i.id): i.text for r in reports for i in r.items}
    figures = [f for r in outputs["figures"].values() for f in r.figures]
    assert len(figures) >= 290
    for f in figures:
        assert items[(f.report, f.paragraph)][f.start:f.end] == f.text
        assert f.region and f.year, f


# --- the hand-checked sample --------------------------------------------------------------------------

def test_hand_checked_sample_covers_every_figure_of_the_seeds(corpus):
    """The sample (tests/figure-cases/corpus-sample.yml) is every figure of the five seeds, judged by reading."""
    _, outputs = corpus
    figures = [f for r in outputs["figures"].values() for f in r.figures]
    judged, missing = sample_judgements(figures)
    assert not missing, f"sampled figures the rules no longer read: {missing}"
    assert len(judged["value"]) == len(figures) >= 200
    assert {f.report for f in figures} == set(outputs["figures"])  # all twelve reports


def test_hand_checked_sample_precision_per_field(corpus):
    _, outputs = corpus
    figures = [f for r in outputs["figures"].values() for f in r.figures]
    precision = sample_precision(figures)
    assert set(precision) == {"value", "unit", "subject", "region", "year", "kind"}
    low = {field: p for field, p in precision.items() if p < 0.95}
    assert not low, precision_table(figures)


def test_benchmarks_reports_the_sample_precision_and_its_misses(corpus):
    """BENCHMARKS.md shows the current table; ``python tests/figure_cases.py --write`` rewrites it."""
    _, outputs = corpus
    figures = [f for r in outputs["figures"].values() for f in r.figures]
    assert benchmarks_section() == precision_table(figures)


# --- indicators, exports, downloads ----------------------------------------------------------------------

def test_at_least_six_indicators_recur_across_regions_or_years(corpus):
    _, outputs = corpus
    figures = [f for r in outputs["figures"].values() for f in r.figures]
    recurring = [i.id for i in load_indicators()
                 if len({(f.region, f.year) for f in figures if f.indicator == i.id}) >= 2]
    assert len(recurring) >= 6, recurring


def test_indicator_page_charts_and_tables_link_to_paragraphs(built_site):
    """Every bar is a row of its indicator's table, every row links to a paragraph that exists, and the bars are
    exactly the rows of kind achievement (实绩)."""
    page = (built_site / "figures" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<h2 id="([a-z-]+)".*?(?=<h2 |\Z)', page, re.S)
    assert len(sections) >= 6
    for indicator in sections:
        body = page.split(f'<h2 id="{indicator}"', 1)[1].split("<h2 ", 1)[0]
        bars = re.findall(r'<a href="\.\./reports/([^/"#]+)/#(p\d+)" class="indicator-bar">', body)
        rows = re.findall(r'<tr>\s*<td>(.*?)</tr>', body, re.S)
        achieved = [re.search(r'<a href="\.\./reports/([^/"#]+)/#(p\d+)">', r).groups() for r in rows
                    if "<td>实绩</td>" in r]
        assert sorted(bars) == sorted(achieved), indicator
        for row in rows:
            report, paragraph = re.search(r'<a href="\.\./reports/([^/"#]+)/#(p\d+)">', row).groups()
            target = (built_site / "reports" / report / "index.html").read_text(encoding="utf-8")
            assert f'id="{paragraph}"' in target


def test_charts_draw_achievements_only_and_never_mix_units(built_site):
    """Each bar's figure, looked up in figures.json, is an achievement of the chart's indicator, in one unit."""
    figures = json.loads((built_site / "data" / "figures.json").read_text(encoding="utf-8"))
    by_place = {}
    for f in figures:
        by_place.setdefault((f["report"], f["paragraph"], f["text"], f["indicator"]), []).append(f)
    page = (built_site / "figures" / "index.html").read_text(encoding="utf-8")
    sections = {indicator: page.split(f'<h2 id="{indicator}"', 1)[1].split("<h2 ", 1)[0]
                for indicator in re.findall(r'<h2 id="([a-z-]+)"', page)}
    chart_re = re.compile(r'<figure class="indicator-chart">(.*?)</figure>', re.S)
    charts = [(indicator, svg) for indicator, body in sections.items() for svg in chart_re.findall(body)]
    assert charts and all(len(chart_re.findall(body)) <= 1 for body in sections.values())
    for indicator, svg in charts:
        bars = re.findall(r'href="\.\./reports/([^/"#]+)/#(p\d+)" class="indicator-bar">'
                          r'<title>[^<]*?: ([^<]*?) — ', svg)
        assert bars, indicator
        found = [by_place[(report, paragraph, html.unescape(text), indicator)] for report, paragraph, text in bars]
        assert all(f["kind"] == "achievement" for group in found for f in group), indicator
        assert len({f["unit"] for group in found for f in group}) == 1, indicator
    kinds = {f["kind"] for f in figures if f["indicator"]}
    assert kinds - {"achievement"}, "no indicator value of another kind: the test would not tell"


def test_exports_match_the_data_dictionary_and_validate(built_site):
    frictionless = pytest.importorskip("frictionless")
    data = built_site / "data"
    report = frictionless.validate(data / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    listed = {r["path"] for r in package["resources"]}
    assert listed == {p.name for p in data.iterdir()} - {"datapackage.json", "index.html"}
    figures = json.loads((data / "figures.json").read_text(encoding="utf-8"))
    assert {"report", "paragraph", "text", "value", "unit", "qualifier", "subject", "region", "regions", "year",
            "year_from", "kind", "kind_basis", "region_basis", "year_basis"} <= set(figures[0])
    assert {f["kind"] for f in figures} == {"achievement", "target", "standard", "average"}
    page = (data / "index.html").read_text(encoding="utf-8")
    for resource in package["resources"]:
        assert f'href="{resource["path"]}"' in page
        for field in resource.get("schema", {}).get("fields", []):
            assert f"<code>{field['name']}</code>" in page


def test_dictionary_out_of_step_with_an_export_is_an_error():
    dictionary = load_dictionary()
    files = {r["path"]: ",".join(f["name"] for f in r.get("fields", [])) + "\n" for r in dictionary["resources"]}
    check_dictionary(dictionary, files)
    with pytest.raises(DataFileError, match="figures.csv has the columns"):
        check_dictionary(dictionary, {**files, "figures.csv": files["figures.csv"].strip() + ",extra\n"})
    with pytest.raises(DataFileError, match="not described"):
        check_dictionary(dictionary, {**files, "new.csv": "a\n"})


def test_chart_bars_show_and_lead_to_their_paragraph(browser, site_server, artifacts):
    with new_page(browser, viewport={"width": 1200, "height": 900}, color_scheme="dark") as page:
        page.goto(site_server + "figures/#grid-cells")
        bar = page.locator("#grid-cells ~ figure.indicator-chart a.indicator-bar").first
        box = bar.locator("rect").bounding_box()
        assert box and box["width"] > 20 and box["height"] > 5
        page.screenshot(path=str(artifacts / "figures-indicators-dark.png"))
        bar.click()
        page.wait_for_load_state()
        assert re.search(r"/reports/[^/]+/#p\d+$", page.url)
        assert page.evaluate("document.querySelector(':target') !== null")
