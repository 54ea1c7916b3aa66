"""The browse page and the home page's table: every report, sortable and filterable."""

from __future__ import annotations

import html
from pathlib import Path

from build_scripts.model import Report, year_of
from build_scripts.site.markup import generated_comment, md_escape
from build_scripts.site.output import sync_folder
from build_scripts.site.source_page import original_file
from build_scripts.site.urls import REPORTS_DIR, SOURCES_DIR


def report_table(reports: list[Report], link_prefix: str = "") -> list[str]:
    """All reports in a table that the browser can sort and filter (see ``archive.js``).

    Rows carry their year, regions and type as data attributes; cells are
    Markdown so MkDocs checks and rewrites the links.  Search leaves the table
    out: each report is found on its own page.
    """
    lines = ['<table class="report-table" markdown data-search-exclude>',
             "<thead><tr>" + "".join(f'<th data-sort="{key}">{label}</th>' for key, label in (
                 ("date", "日期 Date"), ("title", "标题 Title"), ("author", "作者 Author"),
                 ("region", "地区 Region"), ("type", "类型 Type"))) + "</tr></thead>",
             '<tbody markdown>']
    for report in sorted(reports, key=lambda r: (r.date or "9999", r.id)):
        authors = "；".join(author_label(a) for a in report.authors if a.role != "provider") or "—"
        attributes = {"data-year": year_of(report), "data-regions": "|".join(report.regions),
                      "data-type": report.doc_type, "data-date": report.date or ""}
        attrs = " ".join(f'{key}="{html.escape(value)}"' for key, value in attributes.items())
        cells = [md_escape(report.date or "—"), f"[{md_escape(report.title)}]({link_prefix}{report.id}.md)",
                 md_escape(authors), md_escape("、".join(report.regions[:1]) or "—"), report.doc_type]
        lines += [f"<tr {attrs} markdown>"] + [f'<td markdown="span">{cell}</td>' for cell in cells] + ["</tr>"]
    return lines + ["</tbody>", "</table>", ""]


def filter_controls(reports: list[Report]) -> list[str]:
    """Selects for year, region and type; without JavaScript the full table simply stays visible."""
    choices = {
        "year": sorted({year_of(r) for r in reports if r.date}),
        "region": sorted({region for r in reports for region in r.regions}),
        "type": sorted({r.doc_type for r in reports}),
    }
    labels = {"year": "年份 Year", "region": "地区 Region", "type": "类型 Type"}
    html_lines = ['<form class="report-filters" hidden data-search-exclude>']
    for key, values in choices.items():
        options = "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values)
        html_lines.append(f'<label>{labels[key]} <select data-filter="{key}"><option value="">全部 All</option>'
                          f"{options}</select></label>")
    return html_lines + ['<output class="report-count"></output>', "</form>", ""]


def archive_summary(reports: list[Report]) -> str:
    years = sorted({year_of(r) for r in reports if r.date})
    regions = {region for r in reports for region in r.regions}
    span = f"{years[0]}–{years[-1]}" if years else "—"
    return f"{len(reports)} reports from {len({r.seed.name for r in reports})} source files, " \
           f"covering {len(regions)} regions and the years {span}."


def index_markdown(reports: list[Report]) -> str:
    """The browse page: every report, filterable by year, region and type, sortable by column."""
    lines = ["---", "title: 报告 Reports", "generated_by: build_scripts", "---", "",
             generated_comment("seeds/"), "", "# 报告 Reports", "", archive_summary(reports), ""]
    return "\n".join(lines + filter_controls(reports) + report_table(reports))


def home_summary(reports: list[Report]) -> str:
    """What the home page shows in place of ``<!-- archive:summary -->``: counts and the table."""
    return "\n".join([archive_summary(reports) + " [Browse and filter them](reports/index.md).", ""]
                     + report_table(reports, link_prefix="reports/"))


def write_pages(reports: list[Report], docs_dir: Path, made: dict[str, str]) -> int:
    """Report pages and the browse page into ``docs/reports``; source views and seed copies into ``docs/sources``.

    ``made`` holds every seed's :func:`seed_files`; the browse page and the
    seed copies are added here.
    """
    folders: dict[str, dict[str, str | bytes]] = {REPORTS_DIR: {"index.md": index_markdown(reports)}, SOURCES_DIR: {}}
    for path, content in made.items():
        folder, name = path.split("/", 1)
        folders[folder][name] = content
    for report in reports:
        folders[SOURCES_DIR][original_file(report.seed)] = report.seed.raw
    return sum(sync_folder(docs_dir / folder, files) for folder, files in folders.items())


def author_label(author) -> str:
    return author.name + (f"（{author.office}）" if author.office else "")
