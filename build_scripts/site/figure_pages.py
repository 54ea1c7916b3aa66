"""Figure pages: each report's table of figures, and the indicators page with its offline SVG charts."""

from __future__ import annotations

import html

from build_scripts.annotate.figure_context import Indicator, figures_of, load_indicators
from build_scripts.annotate.figures import EXCLUSIONS, Figure, ReportFigures
from build_scripts.annotate.places import Gazetteer
from build_scripts.export.analyses import figures_exports
from build_scripts.model import Report
from build_scripts.site.markup import generated_comment, md_escape


def number_text(value: float | int) -> str:
    """A value with thousands separators and no binary noise (1,560,000,000; 52.7)."""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.2f}"


def value_label(figure: Figure) -> str:
    value = number_text(figure.value) + (f"–{number_text(figure.value_to)}" if figure.value_to is not None else "")
    return f"{value} {figure.unit or ''}".strip()


def report_section(report: Report, found: ReportFigures) -> list[str]:
    """The report page's table of figures, each linked to its paragraph, and the numbers not counted."""
    lines = ["## 数字 Figures { #figures data-search-exclude }", ""]
    if not found.figures and not found.excluded:
        return lines + ["This report states no figures in Arabic numerals.", ""]
    lines += [f"{len(found.figures)} figures read from the text by the rules in `build_scripts/data/figures.yml` "
              "(also in [figures.csv](../data/figures.csv); all downloads: [data](../data/index.md)).", ""]
    if found.figures:
        lines += ["| ¶ | 原文 As written | 数值 Value | 限定 Qualifier | 计数对象 Subject | 地区 Region | 年 Year |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for f in found.figures:
            qualifier = " ".join(filter(None, [f.qualifier, f.comparison]))
            lines.append(f"| [{f.paragraph}](#{f.paragraph}) | {md_escape(f.text)} | {md_escape(value_label(f))} "
                         f"| {md_escape(qualifier)} | {md_escape(f.subject or '—')} | {md_escape(f.region or '—')} "
                         f"| {f.year or '—'} |")
        lines.append("")
    if found.excluded:
        lines += ["Numbers not counted as figures: " + "; ".join(
            f"[{e.paragraph}](#{e.paragraph}) {md_escape(e.text)} ({EXCLUSIONS[e.reason].split(' (')[0]})"
            for e in found.excluded) + ".", ""]
    return lines


CHART_WIDTH, CHART_LABEL, CHART_ROW = 640, 190, 26


def indicator_chart(indicator: Indicator, figures: list[Figure], directory_urls: bool) -> str:
    """A horizontal bar chart as inline SVG: one bar per value, linked to its paragraph.

    Raw SVG links are not rewritten by MkDocs, so they are written for the
    build's URL style; colours come from the theme's variables and
    ``currentColor``, so the chart follows dark mode and fetches nothing.
    """
    top = max(f.value for f in figures) or 1
    height = CHART_ROW * len(figures) + 8
    span = CHART_WIDTH - CHART_LABEL - 110
    out = ['<figure class="indicator-chart">',
           f'<svg viewBox="0 0 {CHART_WIDTH} {height}" role="img" aria-labelledby="chart-{indicator.id}">',
           f'<title id="chart-{indicator.id}">{html.escape(indicator.label)} — {html.escape(indicator.label_en)}</title>']
    for n, f in enumerate(figures):
        y = 4 + n * CHART_ROW
        width = max(1.0, round(span * f.value / top, 1))
        href = f"../reports/{f.report}/#{f.paragraph}" if directory_urls else f"../reports/{f.report}.html#{f.paragraph}"
        label = f"{f.region or '—'} · {f.year or '—'}"
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
    lines = ["---", "title: 数字与指标 Figures and indicators", "---", "",
             generated_comment("build_scripts/data/figures.yml and every report"), "",
             "# 数字与指标 Figures and indicators", "",
             f"The reports state {len(figures)} figures in Arabic numerals "
             f"({sum(len(r.excluded) for r in found.values())} further numbers are years, dates, formulas or "
             "ordinals and are not counted). Each figure is read by a rule, normalised to its base unit "
             "(15.6亿元 → 1,560,000,000 元) and placed in a region and a year; every report page lists its figures. "
             "Below are the indicators that recur across reports, each value linked to the paragraph it comes "
             "from. Values are as the reports state them: a plan (2017年…达到), a running total (累计) and a level "
             "are different things — read the clause before comparing.", "",
             "Download: [figures.csv](../data/figures.csv), [figures.json](../data/figures.json), with a data "
             "dictionary on the [data page](../data/index.md).", ""]
    for indicator in indicators:
        values = sorted((f for f in figures if f.indicator == indicator.id),
                        key=lambda f: (f.region or "", f.year or 0, f.report, f.start))
        if not values:
            continue
        lines += [f"## {indicator.label} {{ #{indicator.id} }}", "", md_escape(indicator.label_en) + ".", "",
                  indicator_chart(indicator, values, directory_urls), "",
                  "| 地区 Region | 年 Year | 数值 Value | 原文 As written | 语境 Clause | 报告 Report |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for f in values:
            lines.append(f"| {md_escape(f.region or '—')} | {f.year or '—'} | {md_escape(value_label(f))} "
                         f"| {md_escape(f.text)} | {md_escape(f.clause)} "
                         f"| [{md_escape(titles[f.report])} ¶{f.paragraph[1:]}](../reports/{f.report}.md#{f.paragraph}) |")
        lines.append("")
    return "\n".join(lines)


def figure_outputs(reports: list[Report], gazetteer: Gazetteer, directory_urls: bool = True,
                   found: dict[str, ReportFigures] | None = None) -> dict:
    """Everything the figures stage writes across reports: ``{"pages": …, "data": …, "figures": found}``.

    ``found`` holds the reports' :func:`figures_of` when already made.
    """
    found = found if found is not None else {r.id: figures_of(r, gazetteer) for r in reports}
    return {"pages": {"index.md": indicators_page(reports, found, load_indicators(), directory_urls)},
            "data": figures_exports(found),
            "figures": found}
