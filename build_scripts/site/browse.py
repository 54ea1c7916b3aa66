"""The browse page and the home page's table: every report, sortable and filterable."""

from __future__ import annotations

import html
import re
from pathlib import Path

from build_scripts.annotate.metadata import DOC_TYPE_LABELS
from build_scripts.model import Report, year_of
from build_scripts.site.markup import bilingual, generated_comment, html_attribute, html_link, html_text, raw
from build_scripts.site.output import sync_folder
from build_scripts.site.source_page import original_file
from build_scripts.site.urls import REPORTS_DIR, SOURCES_DIR


def report_table(reports: list[Report], page: str, directory_urls: bool = True) -> list[str]:
    """All reports in a table that the browser can sort and filter (see ``archive.js``), on ``page``.

    Rows carry their year, regions and type as data attributes.  The table
    is raw HTML (:func:`~build_scripts.site.markup.raw`), written as Markdown's
    ``md_in_html`` made it (attributes sorted), links with MkDocs' URLs: at a
    thousand reports its Markdown cells took a second on each page that shows
    it.  Search leaves the table out (``data-search-exclude``, which the
    theme's plugin strips from the page): each report is found on its own page.
    """
    lines = ['<table class="report-table" data-search-exclude="data-search-exclude">', "<thead>", "<tr>",
             *(f'<th data-sort="{key}">{label}</th>' for key, label in (
                 ("date", "日期 Date"), ("title", "标题 Title"), ("author", "作者 Author"),
                 ("region", "地区 Region"), ("type", "类型 Type"))), "</tr>", "</thead>", "<tbody>"]
    for report in sorted(reports, key=lambda r: (r.date or "9999", r.id)):
        authors = "；".join(author_label(a) for a in report.authors if a.role != "provider") or "—"
        attributes = {"data-date": report.date or "", "data-regions": "|".join(report.regions),
                      "data-type": report.doc_type, "data-year": year_of(report)}
        attrs = " ".join(f'{key}="{html_attribute(value)}"' for key, value in attributes.items())
        cells = [html_text(date_label(report.date)),
                 html_link(f"{REPORTS_DIR}/{report.id}.md", page, directory_urls, report.title),
                 html_text(authors), html_text("、".join(report.regions[:1]) or "—"),
                 bilingual(DOC_TYPE_LABELS[report.doc_type], html_text)]
        lines += [f"<tr {attrs}>", *(f"<td>{cell}</td>" for cell in cells), "</tr>"]
    return [raw("\n".join(lines + ["</tbody>", "</table>"]))]


def gazetteer_order(gazetteer=None) -> dict[str, int]:
    """Each gazetteer name's place in the gazetteer: leagues and cities in the region's order, each with its units.

    ``gazetteer`` is the run's; code outside a run reads its own.
    """
    from build_scripts.annotate.places import Gazetteer
    regions = (gazetteer or Gazetteer()).regions
    leagues = [name for name, region in regions.items() if region.parent is None]
    ordered = [n for league in leagues for n in [league] + [u for u, r in regions.items() if r.parent == league]]
    return {name: n for n, name in enumerate(ordered)}


def filter_choices(reports: list[Report], gazetteer=None) -> dict[str, list[tuple[str, str]]]:
    """Each filter's (value, label) pairs in a reader's order: years by number, regions in gazetteer order
    (leagues and cities as the region lists them, each followed by its banners), types as :data:`DOC_TYPE_LABELS`.
    """
    years = sorted({year_of(r) for r in reports if r.date}, key=int)
    order = gazetteer_order(gazetteer)
    regions = sorted({region for r in reports for region in r.regions}, key=lambda name: order.get(name, len(order)))
    types = [t for t in DOC_TYPE_LABELS if any(r.doc_type == t for r in reports)]
    return {"year": [(y, f"{y}年") for y in years], "region": [(name, name) for name in regions],
            "type": [(t, DOC_TYPE_LABELS[t]) for t in types]}


def filter_controls(reports: list[Report], gazetteer=None) -> list[str]:
    """Selects for year, region and type; without JavaScript the full table simply stays visible."""
    labels = {"year": "年份 <span lang=\"en\">Year</span>", "region": "地区 <span lang=\"en\">Region</span>",
              "type": "类型 <span lang=\"en\">Type</span>"}
    html_lines = ['<form class="report-filters" hidden data-search-exclude aria-label="筛选报告 Filter the reports">']
    for key, values in filter_choices(reports, gazetteer).items():
        options = "".join(f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in values)
        html_lines.append(f'<label>{labels[key]} <select data-filter="{key}"><option value="">全部 All</option>'
                          f"{options}</select></label>")
    return html_lines + ['<output class="report-count"></output>', "</form>", ""]


def archive_summary(reports: list[Report]) -> str:
    """The archive in one sentence, in Chinese and English: reports, source files, regions, years."""
    years = sorted({year_of(r) for r in reports if r.date}, key=int)
    regions = {region for r in reports for region in r.regions}
    sources = len({r.seed.name for r in reports})
    zh_span, span = (f"{years[0]}—{years[-1]} 年", f"{years[0]}–{years[-1]}") if years else ("年代不详", "—")
    return (f"共 {len(reports)} 篇报告，出自 {sources} 份原文，涉及 {len(regions)} 个地区，{zh_span}。 "
            f'<span lang="en">{len(reports)} reports from {sources} source files, covering {len(regions)} regions '
            f"and the years {span}.</span>")


def index_markdown(reports: list[Report], gazetteer=None, directory_urls: bool = True) -> str:
    """The browse page: every report, filterable by year, region and type, sortable by column."""
    lines = ["---", "title: 报告 Reports", "generated_by: build_scripts", "---", "",
             generated_comment("seeds/"), "", "# 报告 Reports", "", archive_summary(reports), ""]
    return "\n".join(lines + filter_controls(reports, gazetteer)
                     + report_table(reports, f"{REPORTS_DIR}/index.md", directory_urls))


def home_summary(reports: list[Report], directory_urls: bool = True) -> str:
    """What the home page shows in place of ``<!-- archive:summary -->``: counts and the table."""
    return "\n".join([archive_summary(reports) + ' [浏览和筛选 <span lang="en">Browse and filter them</span>]'
                      "(reports/index.md)", ""]
                     + report_table(reports, "index.md", directory_urls))


def write_pages(reports: list[Report], docs_dir: Path, made: dict[str, str], gazetteer=None,
                directory_urls: bool = True) -> int:
    """Report pages and the browse page into ``docs/reports``; source views and seed copies into ``docs/sources``.

    ``made`` holds every seed's :func:`seed_files`; the browse page and the
    seed copies are added here.
    """
    folders: dict[str, dict[str, str | bytes]] = {REPORTS_DIR: {"index.md": index_markdown(reports, gazetteer, directory_urls)},
                                                  SOURCES_DIR: {}}
    for path, content in made.items():
        folder, name = path.split("/", 1)
        folders[folder][name] = content
    for report in reports:
        folders[SOURCES_DIR][original_file(report.seed)] = report.seed.raw
    return sum(sync_folder(docs_dir / folder, files) for folder, files in folders.items())


def date_label(edtf: str | None) -> str:
    """An EDTF date as readers write it: 2014年8月30日, 2019年, 2017年（推定） for an uncertain one.

    >>> date_label("2014-08-30"), date_label("2017?"), date_label("2016-05"), date_label(None), date_label("2019~")
    ('2014年8月30日', '2017年（推定）', '2016年5月', '日期不详', '约2019年')
    """
    if not edtf:
        return "日期不详"
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([?~%]?)", edtf)
    if not match:
        return edtf
    year, month, day, mark = match.groups()
    text = f"{year}年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")
    return {"?": text + "（推定）", "~": "约" + text, "%": "约" + text + "（推定）"}.get(mark, text)


def author_label(author) -> str:
    return author.name + (f"（{author.office}）" if author.office else "")
