"""The report page: Markdown with YAML front matter, the text, citations and the editorial apparatus.

Every piece of seed text is escaped so that it renders as literal text:
``<script>``, a line starting ``1.`` or ``#`` or ``*`` show as typed.  Ids
are explicit (``p12`` for paragraphs, readable Chinese slugs for headings) so
links from the apparatus resolve and MkDocs can validate them.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

import yaml

from build_scripts.annotate.metadata import DOC_TYPES
from build_scripts.errors import FrontMatterError
from build_scripts.export.records import front_matter
from build_scripts.model import Report
from build_scripts.site.browse import author_label
from build_scripts.site.cite import cite_block, head_metadata, report_files
from build_scripts.site.markup import (
    bilingual,
    generated_comment,
    html_table,
    md_escape,
    show,
)
from build_scripts.site.source_page import FORMAT_LABELS, extraction_lines, source_markdown
from build_scripts.site.urls import REPORTS_DIR, SOURCES_DIR
from build_scripts.text.assemble import RULE_DESCRIPTIONS, RULE_ORDER
from build_scripts.text.ingest import load_schema, validate
from build_scripts.text.rules import lost_quote_gaps

YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same output, faster
#: Plain labels of the roles (model.TEXT_ROLES, then model.CONTRIBUTOR_ROLES), in the order the page lists them.
ROLE_LABELS = {"author": "作者 Author", "reporter": "记者 Reporter", "correspondent": "通讯员 Correspondent",
               "issuer": "发文机关 Issuer", "provider": "供稿 Provider", "editor": "编辑 Editor",
               "photographer": "摄影 Photographer", "photo_provider": "图片提供 Photos"}


@functools.lru_cache(maxsize=1)
def region_page_slugs() -> dict[str, str]:
    """Region page names (every region a report names has a page in ``docs/regions``)."""
    from build_scripts.annotate.places import Gazetteer, region_slugs
    return region_slugs(Gazetteer())


def source_page(report: Report) -> str:
    """The source view page of the report's seed, relative to the report page's Markdown file."""
    return f"../{SOURCES_DIR}/{report.seed.slug}.md"


def metadata_block(report: Report, meta: dict) -> list[str]:
    """A definition list: who (and in what role), when (and how we know), where, what, from which file."""
    rows = []
    for role, label in ROLE_LABELS.items():
        names = [author_label(a) for a in report.authors + report.contributors if a.role == role]
        if names:
            rows.append((label, md_escape("；".join(names))))
    rows.append(("日期 Date", f"{md_escape(report.date or '不详')} — {bilingual(report.date_basis)}"))
    if report.reporting_year is not None:
        rows.append(("报告年度 Reporting year", f"{report.reporting_year} — {bilingual(report.reporting_year_basis)}"))
    if report.publication:
        rows.append(("出处 Publication", f"{md_escape(report.publication)} — {bilingual(report.publication_basis)}"))
    rows.append(("类型 Type", bilingual(f"{report.doc_type} — {DOC_TYPES[report.doc_type]}")))
    slugs = region_page_slugs()
    rows.append(("地区 Regions", "、".join(f"[{md_escape(name)}](../regions/{slugs[name]}.md)" for name in report.regions)
                 + (f" — {bilingual(report.regions_basis)}" if report.regions_basis else "") or "—"))
    if report.mentioned_regions:
        rows.append(("也提及 Also mentions", md_escape("、".join(report.mentioned_regions))))
    source = meta["source"]
    lines_label = f"lines {source['lines'][0]}–{source['lines'][1]}"
    read = source["encoding"] or FORMAT_LABELS[source["format"]]
    if source["encoding"] and source["format"] != "text":
        read = f"{FORMAT_LABELS[source['format']]}, {source['encoding']}"
    pages = f", pages {source['pages'][0]}–{source['pages'][1]}" if source.get("pages") else ""
    rows.append(("来源 Source", f"[{md_escape(source['file'])}, {lines_label}]"
                              f"({source_page(report)}#L{source['lines'][0]}-L{source['lines'][1]}){{ .source-view-link }}"
                              f"{pages} · {read} · sha256 `{source['sha256']}`"))
    counts = meta["counts"]
    rows.append(("统计 Counts", bilingual(f"{counts['characters']} characters, {counts['paragraphs']} paragraphs, "
                                        f"{counts['captions']} captions, {counts['edits']} edits")))
    lines = ['<div class="report-meta" markdown data-search-exclude>', ""]
    for term, definition in rows:
        lines += [bilingual(term), f":   {definition}", ""]
    return lines + ["</div>", ""]


LOST_QUOTE_MARK = '<span class="lost-quote" title="可能缺失引号 · possible lost quotation marks">{}</span>'


def marked_text(text: str, kind: str, glossary=None) -> str:
    """Escaped text with probable lost-quotation gaps marked and, given a glossary, terms linked.

    Gaps keep their space, visibly marked as an editorial conjecture; the
    first occurrence of each glossary term (two characters or more) in the
    text links to its entry, with pinyin and gloss on hover.
    """
    from build_scripts.annotate.glossary import first_occurrences
    from build_scripts.site.glossary_pages import term_link

    spans = [(start, end, LOST_QUOTE_MARK.format(html.escape(text[start:end])))
             for start, end in lost_quote_gaps(text, kind)]
    if glossary is not None:
        spans += [(start, end, term_link(entry, text[start:end]))
                  for start, end, entry in first_occurrences(text, glossary) if end - start > 1]
    pieces, position = [], 0
    for start, end, rendered in sorted(spans):
        pieces += [md_escape(text[position:start]), rendered]
        position = end
    return "".join(pieces) + md_escape(text[position:])


def body_blocks(report: Report, glossary=None) -> list[str]:
    lines = []
    for item in report.items:
        span = f'data-lines="{item.lines[0]}-{item.lines[1]}"'
        if item.kind == "heading":
            lines += [f"{'#' * min(max(item.level or 2, 2), 6)} {marked_text(item.text, 'heading')} "
                      f"{{ #{item.id} {span} }}", ""]
        else:
            css = ".caption" if item.kind == "caption" else ".paragraph"
            lines += [marked_text(item.text, item.kind, glossary), f"{{: #{item.id} {css} {span} }}", ""]
    return lines


def apparatus(report: Report) -> list[str]:
    """The editorial apparatus: edits grouped by rule, furniture, notes."""
    lines = [f"## {bilingual('编辑说明 Editorial apparatus')} {{ #apparatus data-search-exclude }}", "",
             bilingual("Every change between the seed and this page, made by a named rule."), "",
             f"### {bilingual('修改记录 Edits')} {{ #edits data-search-exclude }}", ""]
    by_rule: dict[str, list] = {}
    for edit in report.edits:
        by_rule.setdefault(edit.rule, []).append(edit)
    for rule in sorted(by_rule, key=RULE_ORDER.index):
        edits = by_rule[rule]
        lines += [f"#### `{rule}` ({len(edits)}) {{ #rule-{rule.replace('_', '-')} data-search-exclude }}", "",
                  md_escape(RULE_DESCRIPTIONS[rule]), ""]
        lines += html_table(["位置 Where", "原文 Before", "改后 After"], [
            [f'<a href="#{edit.paragraph}">{edit.paragraph}</a>' if edit.paragraph else "furniture",
             show(edit.before), show(edit.after)] for edit in edits])
    lines += [f"### {bilingual('版面附属 Source furniture')} {{ #furniture data-search-exclude }}", ""]
    if report.furniture:
        lines += html_table(["类型 Kind", "行 Lines", "原文 Text"],
                            [[f.kind, f"{f.lines[0]}–{f.lines[1]}", show(f.text)] for f in report.furniture])
    else:
        lines += ["None.", ""]
    lines += [f"### {bilingual('编辑注 Editorial notes')} {{ #notes data-search-exclude }}", ""]
    for note in report.notes:
        lines.append(f"- [{note['paragraph']}](#{note['paragraph']}): possible lost quotation marks in "
                     f"“{md_escape(note['text'])}” — a space between Han characters here probably stands for "
                     "quotation marks lost in the source; the text is left as printed.")
    for line in report.evidence:
        lines.append(f"- Evidence: {md_escape(line)}")
    lines.append(f"- Title: {md_escape(report.title_basis)}")
    if report.editorial_notes:
        lines.append(f"- Editor's note: {md_escape(report.editorial_notes)}")
    lines.append("")
    extraction = report.seed.extraction
    if extraction is not None:
        lines += [f"### 原文文件 Source file {{ #source data-search-exclude }}", "",
                  f"The text was extracted from a {FORMAT_LABELS[extraction.format]}; the edits above start from "
                  "the extracted text, shown line by line in the source view.", ""]
        lines += extraction_lines(extraction, 4, "source-")
    return lines


def page_markdown(report: Report, site_url: str | None = None, glossary=None, figures: list[str] = (),
                  offline: bool = False) -> str:
    """The report page; ``offline`` for the bundle read from disk, whose citations still give the published address."""
    meta = {**front_matter(report, for_page=True), "head": head_metadata(report, site_url, glossary)}
    validate(meta, load_schema("report.schema.json"), Path(f"docs/{REPORTS_DIR}/{report.id}.md"), FrontMatterError)
    lines = ["---", yaml.dump(meta, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=10_000).rstrip(), "---", "",
             generated_comment(f"seeds/{report.seed.name}"), ""]
    if report.kicker:
        lines += [md_escape(report.kicker), "{: .report-kicker }", ""]
    lines += [f"# {md_escape(report.title)} {{ #title }}", ""]
    if report.subtitle:
        lines += [marked_text(report.subtitle, "subtitle"), "{: .report-subtitle }", ""]
    people = [author_label(a) for a in report.authors if a.role != "provider"]
    if people:
        lines += [md_escape("　".join(people)), "{: .report-byline }", ""]
    lines += metadata_block(report, meta)
    lines += body_blocks(report, glossary)
    lines += cite_block(report, site_url, offline)
    lines += figures
    lines += apparatus(report)
    return "\n".join(lines)


def seed_files(seed, reports: list[Report], site_url: str | None = None, glossary=None,
               figure_sections: dict[str, list[str]] | None = None, offline: bool = False) -> dict[str, str]:
    """The files one seed yields, by path under ``docs/``: its reports' pages and citation files, its source view.

    ``figure_sections`` holds each report's table of figures (:mod:`figures`).
    """
    figure_sections = figure_sections or {}
    files = {f"{REPORTS_DIR}/{r.id}.md": page_markdown(r, site_url, glossary, figure_sections.get(r.id, ()), offline)
             for r in reports}
    files.update({f"{REPORTS_DIR}/{name}": text for r in reports for name, text in report_files(r, site_url).items()})
    files[f"{SOURCES_DIR}/{seed.slug}.md"] = source_markdown(seed, reports)
    return files


