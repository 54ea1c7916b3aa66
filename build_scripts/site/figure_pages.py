"""Figure pages: each report's table of figures, and the indicators page with its offline SVG charts.

Every figure is shown with its kind (achievement, target or plan, standard,
average); only achievements are drawn in the indicator charts, so a chart
never puts a plan, a minimum standard or an average on the scale of what was
achieved.  The other values of an indicator are listed in its table, with
their kind.
"""

from __future__ import annotations

import html
from collections import Counter

from build_scripts.annotate.figure_context import (
    KINDS,
    Indicator,
    figures_of,
    load_indicators,
)
from build_scripts.annotate.figures import EXCLUSIONS, Figure, ReportFigures
from build_scripts.annotate.places import Gazetteer
from build_scripts.export.analyses import figures_exports
from build_scripts.model import Report
from build_scripts.site.markup import generated_comment, html_link, html_table, html_text, md_escape, raw
from build_scripts.site.urls import FIGURES_DIR, REPORTS_DIR

#: The figures page, for its links.
PAGE = f"{FIGURES_DIR}/index.md"


def number_text(value: float | int) -> str:
    """A value with thousands separators and no binary noise (1,560,000,000; 52.7)."""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.2f}"


def value_label(figure: Figure) -> str:
    value = number_text(figure.value) + (f"–{number_text(figure.value_to)}" if figure.value_to is not None else "")
    return f"{value} {figure.unit or ''}".strip()


def region_label(figure: Figure) -> str:
    """The place a figure is credited to: every place when its clause names several (东乌珠穆沁旗、西乌珠穆沁旗)."""
    return "、".join(figure.regions) if len(figure.regions) > 1 else figure.region or "—"


def year_label(figure: Figure) -> str:
    """``2016`` or, for a running total, ``2016–2019``."""
    if figure.year is None:
        return "—"
    if figure.year_from and figure.year_from != figure.year:
        return f"{figure.year_from}–{figure.year}"
    return str(figure.year)


KIND_PLURALS = {"achievement": "are achievements", "target": "targets or plans", "standard": "standards or thresholds",
                "average": "averages"}


def kind_label(figure: Figure) -> str:
    return KINDS[figure.kind].split(" ")[0]


def report_section(report: Report, found: ReportFigures) -> list[str]:
    """The report page's table of figures, each linked to its paragraph, and the numbers not counted."""
    lines = ["## 数字 Figures { #figures data-search-exclude }", ""]
    if not found.figures and not found.excluded:
        return lines + ["This report states no figures.", ""]
    lines += [f"{len(found.figures)} figures read from the text by the rules in `build_scripts/data/figures.yml` "
              "(also in [figures.csv](../data/figures.csv), with the basis of each region, year and kind; "
              "all downloads: [data](../data/index.md)). Kind: 实绩 achievement, 目标 target or plan, "
              "标准 standard or threshold, 平均 average.", ""]
    if found.figures:  # raw HTML (see markup.raw): dozens of rows of linked cells were a large part of a page's build
        lines += html_table(
            ["¶", "原文 As written", "数值 Value", "限定 Qualifier", "计数对象 Subject", "地区 Region", "年 Year",
             "类型 Kind"],
            [[f'<a href="#{f.paragraph}">{f.paragraph}</a>',
              *map(html_text, [f.text, value_label(f), " ".join(filter(None, [f.qualifier, f.comparison])),
                               f.subject or "—", region_label(f), year_label(f), kind_label(f)])]
             for f in found.figures])
    if found.excluded:
        lines += ["Numbers not counted as figures: " + "; ".join(
            f"[{e.paragraph}](#{e.paragraph}) {md_escape(e.text)} ({EXCLUSIONS[e.reason].split(' (')[0]})"
            for e in found.excluded) + ".", ""]
    return lines


CHART_WIDTH, CHART_LABEL, CHART_ROW, CHART_AXIS = 640, 190, 26, 22


def chart_axis(top: float, span: float, rows: int, units: set[str | None]) -> list[str]:
    """The zero line and a value axis under the bars, marked at 0 and at the largest value with its unit.

    Bars start at zero, so their lengths compare; the axis says so and gives the scale.

    >>> chart_axis(2093, 340, 60, {"个"})[-1]
    '<text x="530" y="78" text-anchor="end" font-size="12" style="fill:currentColor">2,093 个</text>'
    """
    unit = f" {next(iter(units))}" if len(units) == 1 and None not in units else ""
    style = 'style="stroke:currentColor" stroke-width="1"'
    tick = 'font-size="12" style="fill:currentColor"'
    return [f'<line x1="{CHART_LABEL}" y1="2" x2="{CHART_LABEL}" y2="{rows + 4}" {style}/>',
            f'<line x1="{CHART_LABEL}" y1="{rows + 4}" x2="{CHART_LABEL + span}" y2="{rows + 4}" {style}/>',
            f'<text x="{CHART_LABEL}" y="{rows + 18}" text-anchor="middle" {tick}>0</text>',
            f'<text x="{CHART_LABEL + span}" y="{rows + 18}" text-anchor="end" {tick}>{top:,.10g}{html.escape(unit)}</text>']


def indicator_chart(indicator: Indicator, figures: list[Figure], directory_urls: bool) -> str:
    """A horizontal bar chart as inline SVG: one bar per value, linked to its paragraph.

    Raw SVG links are not rewritten by MkDocs, so they are written for the
    build's URL style; colours come from the theme's variables and
    ``currentColor``, so the chart follows dark mode and fetches nothing.
    """
    top = max(f.value for f in figures) or 1
    rows = CHART_ROW * len(figures) + 8
    height = rows + CHART_AXIS
    span = CHART_WIDTH - CHART_LABEL - 110
    # A group, not role="img": an image's children are presentational, and these bars are links.
    out = ['<figure class="indicator-chart">',
           f'<svg viewBox="0 0 {CHART_WIDTH} {height}" role="group" aria-labelledby="chart-{indicator.id}">',
           f'<title id="chart-{indicator.id}">{html.escape(indicator.label)} — {html.escape(indicator.label_en)}</title>',
           *chart_axis(top, span, rows, {f.unit for f in figures})]
    for n, f in enumerate(figures):
        y = 4 + n * CHART_ROW
        width = max(1.0, round(span * f.value / top, 1))
        href = f"../reports/{f.report}/#{f.paragraph}" if directory_urls else f"../reports/{f.report}.html#{f.paragraph}"
        label = f"{region_label(f)} · {year_label(f)}"
        out.append(f'<a href="{href}" class="indicator-bar"><title>{html.escape(label)}: {html.escape(f.text)} — '
                   f'{html.escape(f.clause)}</title>'
                   f'<text x="{CHART_LABEL - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
                   f'style="fill:currentColor">{html.escape(label)}</text>'
                   f'<rect x="{CHART_LABEL}" y="{y + 3}" width="{width}" height="{CHART_ROW - 8}" rx="2" '
                   f'style="fill:var(--md-typeset-a-color, currentColor)"/>'
                   f'<text x="{CHART_LABEL + width + 6}" y="{y + 16}" font-size="13" style="fill:currentColor">'
                   f'{html.escape(f.text)}</text></a>')
    out += ["</svg>", "</figure>"]
    return "\n".join(out)


def indicators_page(reports: list[Report], found: dict[str, ReportFigures], indicators: tuple[Indicator, ...],
                    directory_urls: bool = True) -> str:
    """``figures/index.md``: every indicator with a chart and a table of its values, each linked to its paragraph."""
    titles = {r.id: r.title for r in reports}
    figures = [f for r in found.values() for f in r.figures]
    kinds = {kind: sum(f.kind == kind for f in figures) for kind in KINDS}
    lines = ["---", "title: 数字与指标 Figures and indicators", "---", "",
             generated_comment("build_scripts/data/figures.yml and every report"), "",
             "# 数字与指标 Figures and indicators", "",
             f"The reports state {len(figures)} figures "
             f"({sum(len(r.excluded) for r in found.values())} further numbers are years, dates, times, page labels, "
             "phone numbers, codes, formulas or ordinals and are not counted). Each figure is read by a rule, "
             "normalised to its base unit (15.6亿元 → 1,560,000,000 元), placed in a region and a year and given a "
             "kind, each with its basis; every report page lists its figures. Of these figures "
             + ", ".join(f"{n} {KIND_PLURALS[k]}" for k, n in kinds.items()) + ".", "",
             "Below are the indicators that recur across reports, each value linked to the paragraph it comes from.", "",
             "**How to read a chart.** Each bar is one achievement a report states for the indicator: its length is "
             "the value on a scale that starts at zero and ends at the chart's largest value, in the unit the chart "
             "names; its label is the region the figure is credited to and the year of the work (two years, "
             "2016–2019, for a running total such as 2016年以来累计…). Targets and plans, standards and averages are "
             "never drawn: they are listed in the table under the chart with their kind. Hover over a bar for its "
             "clause; click it to read the paragraph. Values are as the reports state them: a running total and a "
             "level at a date are different things — read the clause before comparing.", "",
             "Download: [figures.csv](../data/figures.csv), [figures.json](../data/figures.json), with a data "
             "dictionary on the [data page](../data/index.md).", ""]
    for indicator in indicators:
        values = sorted((f for f in figures if f.indicator == indicator.id),
                        key=lambda f: (f.region or "", f.year or 0, f.report, f.start))
        if not values:
            continue
        charted = [f for f in values if f.kind == "achievement"]
        lines += [f"## {indicator.label} {{ #{indicator.id} }}", "", md_escape(indicator.label_en) + ".", ""]
        lines += chart_section(indicator, charted, values, directory_urls)
        lines += html_table(  # raw HTML (markup.raw): at 1,000 reports this page holds thousands of rows
            ["地区 Region", "年 Year", "数值 Value", "类型 Kind", "原文 As written", "语境 Clause", "报告 Report"],
            [[*map(html_text, [region_label(f), year_label(f), value_label(f), kind_label(f), f.text, f.clause]),
              html_link(f"{REPORTS_DIR}/{f.report}.md#{f.paragraph}", PAGE, directory_urls,
                        f"{titles[f.report]} ¶{f.paragraph[1:]}")] for f in values])
    return "\n".join(lines)


KIND_NOUNS = {"achievement": ("achievement", "achievements"), "target": ("target or plan", "targets or plans"),
              "standard": ("standard", "standards"), "average": ("average", "averages")}


def counted_kind(n: int, kind: str) -> str:
    """``1 achievement``, ``2 averages``."""
    return f"{n} {KIND_NOUNS[kind][n != 1]}"


def chart_section(indicator: Indicator, charted: list[Figure], values: list[Figure], directory_urls: bool) -> list[str]:
    """An indicator's chart of achievements with a line on how to read it, or why there is none."""
    others = Counter(f.kind for f in values if f.kind != "achievement")
    listed = ", ".join(counted_kind(n, kind) for kind, n in sorted(others.items(), key=lambda k: list(KINDS).index(k[0])))
    if not charted:
        return [f"No chart: the reports state no achievement for this indicator, only {listed}, listed below.", ""]
    left_out = f" Not drawn, in the table only: {listed}." if others else ""
    unit = charted[0].unit or "no unit"
    return [raw(indicator_chart(indicator, charted, directory_urls)), "",
            f"*Chart:* {counted_kind(len(charted), 'achievement')}, in {md_escape(unit)}, on one scale from 0."
            f"{left_out}", ""]


def figure_outputs(reports: list[Report], gazetteer: Gazetteer, directory_urls: bool = True,
                   found: dict[str, ReportFigures] | None = None, indicators: tuple | None = None) -> dict:
    """Everything the figures stage writes across reports: ``{"pages": …, "data": …, "figures": found}``.

    ``found`` holds the reports' :func:`figures_of` when already made; ``indicators`` are the run's.
    """
    found = found if found is not None else {r.id: figures_of(r, gazetteer) for r in reports}
    indicators = load_indicators() if indicators is None else indicators
    return {"pages": {"index.md": indicators_page(reports, found, indicators, directory_urls)},
            "data": figures_exports(found),
            "figures": found}
