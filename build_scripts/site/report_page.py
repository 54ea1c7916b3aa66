"""The report page: Markdown with YAML front matter, the text, citations and the editorial apparatus.

Every piece of seed text is escaped so that it renders as literal text:
``<script>``, a line starting ``1.`` or ``#`` or ``*`` show as typed.  Ids
are explicit (``p12`` for paragraphs, readable Chinese slugs for headings) so
links from the apparatus resolve and MkDocs can validate them.
"""

from __future__ import annotations

import bisect
import functools
import html
import json
import re
from pathlib import Path

from build_scripts.annotate.metadata import DOC_TYPE_LABELS
from build_scripts.annotate.places import region_slugs
from build_scripts.errors import FrontMatterError
from build_scripts.export.records import front_matter
from build_scripts.model import Report
from build_scripts.site.apparatus import apparatus
from build_scripts.site.browse import author_label, date_label
from build_scripts.site.cite import cite_block, head_metadata, report_files
from build_scripts.site.markup import (
    bilingual,
    front_matter_lines,
    generated_comment,
    html_text,
    md_escape,
    page_link,
    raw,
)
from build_scripts.site.source_page import FORMAT_LABELS, source_markdown
from build_scripts.site.urls import GLOSSARY_DIR, REPORTS_DIR, SOURCES_DIR
from build_scripts.text.ingest import load_schema, validate
from build_scripts.text.rules import lost_quote_gaps

#: Plain labels of the roles (model.TEXT_ROLES, then model.CONTRIBUTOR_ROLES), in the order the page lists them.
ROLE_LABELS = {"author": "作者 Author", "reporter": "记者 Reporter", "correspondent": "通讯员 Correspondent",
               "issuer": "发文机关 Issuer", "provider": "供稿 Provider", "editor": "编辑 Editor",
               "photographer": "摄影 Photographer", "photo_provider": "图片提供 Photos"}


@functools.lru_cache(maxsize=1)
def region_page_slugs() -> dict[str, str]:
    """Region page names (every region a report names has a page in ``docs/regions``)."""
    from build_scripts.annotate.places import Gazetteer
    return region_slugs(Gazetteer())


def source_page(report: Report) -> str:
    """The source view page of the report's seed, relative to the report page's Markdown file."""
    return f"../{SOURCES_DIR}/{report.seed.slug}.md"


#: How a fact was established, by the prefix its basis carries in the data (``sidecar: …``, ``stated: …``).
BASIS_LABELS = {"sidecar": "编者考订 Set by the editors", "stated": "原文所载 Stated in the source",
                "inferred": "推断 Inferred"}


def plain_basis(basis: str) -> str:
    """A fact's basis in plain words (Markdown): the data's ``sidecar:``/``stated:``/``inferred:`` become labels.

    >>> plain_basis("sidecar"), plain_basis("inferred: latest year mentioned in the seed is 2021")
    ('编者考订 <span lang="en">Set by the editors</span>', '推断 <span lang="en">Inferred: latest year mentioned in the source is 2021</span>')
    """
    head, colon, rest = basis.partition(":")
    if head not in BASIS_LABELS:
        return bilingual(basis) if basis else ""
    zh, english = BASIS_LABELS[head].split(" ", 1)
    rest = re.sub(r"\bthe seed\b", "the source", rest.strip())
    return f'{zh} <span lang="en">{md_escape(english + (": " + rest if colon and rest else ""))}</span>'


def region_links(report: Report, gazetteer=None) -> str:
    slugs = region_page_slugs() if gazetteer is None else region_slugs(gazetteer)
    return "、".join(f"[{md_escape(name)}](../regions/{slugs[name]}.md)" for name in report.regions)


def essentials(report: Report, gazetteer=None) -> list[str]:
    """The one line under the title: who, when, where it was published, which regions."""
    people = "、".join(dict.fromkeys(a.name + ("供稿" if a.role == "provider" else "") for a in report.authors))
    parts = [md_escape(people) if people else "", date_label(report.date),
             md_escape(report.publication or report.issuer or ""), region_links(report, gazetteer)]
    return [" · ".join(part for part in parts if part), "{: .report-essentials }", ""]


def metadata_block(report: Report, meta: dict, gazetteer=None) -> list[str]:
    """The full record in a collapsed panel: who (and in what role), when (and how we know), where, what, the source."""
    rows = []
    for role, label in ROLE_LABELS.items():
        names = [author_label(a) for a in report.authors + report.contributors if a.role == role]
        if names:
            rows.append((label, md_escape("；".join(names))))
    rows.append(("日期 Date", f"{date_label(report.date)} — {plain_basis(report.date_basis)}"))
    if report.reporting_year is not None:
        rows.append(("报告年度 Reporting year", f"{report.reporting_year}年 — {plain_basis(report.reporting_year_basis)}"))
    if report.publication:
        rows.append(("出处 Publication", f"{md_escape(report.publication)} — {plain_basis(report.publication_basis)}"))
    rows.append(("类型 Type", bilingual(DOC_TYPE_LABELS[report.doc_type])))
    rows.append(("地区 Regions", (region_links(report, gazetteer) or "—")
                 + (f" — {plain_basis(report.regions_basis)}" if report.regions_basis else "")))
    if report.mentioned_regions:
        rows.append(("也提及 Also mentions", md_escape("、".join(report.mentioned_regions))))
    source = meta["source"]
    first, last = source["lines"]
    pages = (f" · 第 {source['pages'][0]}–{source['pages'][1]} 页 "
             f"<span lang=\"en\">pages {source['pages'][0]}–{source['pages'][1]}</span>") if source.get("pages") else ""
    made_from = f" · <span lang=\"en\">from a {FORMAT_LABELS[source['format']]}</span>" if source["format"] != "text" else ""
    rows.append(("原文 Source", f"[原文第 {first}–{last} 行 <span lang=\"en\">source text, lines {first}–{last}</span>]"
                              f"({source_page(report)}#L{first}-L{last}){{ .source-view-link }}{pages}{made_from}"))
    counts = meta["counts"]
    rows.append(("统计 Counts", f"{counts['characters']} 字 <span lang=\"en\">characters</span> · "
                              f"{counts['paragraphs']} 段 <span lang=\"en\">paragraphs</span> · "
                              f"{counts['captions']} 图片说明 <span lang=\"en\">captions</span> · "
                              f"[{counts['edits']} 处修改 <span lang=\"en\">edits</span>](#apparatus)"))
    lines = ['<details class="report-meta" markdown data-search-exclude>',
             '<summary>详细信息 <span lang="en">Details</span></summary>', ""]
    for term, definition in rows:
        lines += [bilingual(term), f":   {definition}", ""]
    return lines + ["</details>", ""]


LOST_QUOTE_MARK = '<span class="lost-quote" title="可能缺失引号 · possible lost quotation marks">{}</span>'


def marked_text(text: str, kind: str, glossary=None, linked: set[str] | None = None, link=None) -> str:
    """Escaped text with probable lost-quotation gaps marked and, given a glossary, terms linked.

    Gaps keep their space, visibly marked as an editorial conjecture.  A
    glossary term that needs explaining (not an ``ordinary`` word, two
    characters or more) links to its entry at its first occurrence in the
    report: ``linked`` holds the terms already linked on the page.  Markdown,
    or with ``link`` (an entry and the words shown → a raw-HTML link) raw HTML.
    """
    from build_scripts.annotate.glossary import find_terms
    from build_scripts.site.glossary_pages import term_link

    escape = md_escape if link is None else html_text
    link = link or term_link
    linked = set() if linked is None else linked
    gaps = lost_quote_gaps(text, kind)
    spans = [(start, end, LOST_QUOTE_MARK.format(html.escape(text[start:end]))) for start, end in gaps]
    gap_starts = [start for start, _ in gaps]
    if glossary is not None:
        for start, end, entry in find_terms(text, glossary):
            if entry.ordinary or end - start < 2 or entry.term in linked:
                continue
            before = bisect.bisect_left(gap_starts, end) - 1  # the last gap starting inside or before the term
            if before >= 0 and gaps[before][1] > start:
                continue
            linked.add(entry.term)
            spans.append((start, end, link(entry, text[start:end])))
    pieces, position = [], 0
    for start, end, rendered in sorted(spans):
        pieces += [escape(text[position:start]), rendered]
        position = end
    return "".join(pieces) + escape(text[position:])


def body_blocks(report: Report, glossary=None, here: str = "", directory_urls: bool = True) -> list[str]:
    """The text: headings in Markdown (the table of contents lists them), paragraphs and captions in raw HTML.

    The paragraphs are written as the HTML Markdown made of them (``<p>`` with
    class, line span and id, terms linked to their entries), set aside from
    Markdown (:func:`~build_scripts.site.markup.raw`): inline parsing of the
    linked, escaped text was most of a report page's build time.
    """
    from build_scripts.site.glossary_pages import term_html

    def link(entry, shown: str) -> str:
        return term_html(entry, shown, page_link(f"{GLOSSARY_DIR}/{entry.slug}.md", here, directory_urls))

    lines, linked, run = [], set(), []
    for item in [*report.items, None]:
        if (item is None or item.kind == "heading") and run:
            lines += [raw("\n".join(run))]  # no blank line after it, as after Markdown's paragraphs (html_list)
            run = []
        if item is None:
            break
        span = f'data-lines="{item.lines[0]}-{item.lines[1]}"'
        if item.kind == "heading":
            lines += [f"{'#' * min(max(item.level or 2, 2), 6)} {marked_text(item.text, 'heading')} "
                      f"{{ #{item.id} {span} }}", ""]
        else:
            css = "caption" if item.kind == "caption" else "paragraph"
            run.append(f'<p class="{css}" {span} id="{item.id}">'
                       f"{marked_text(item.text, item.kind, glossary, linked, link)}</p>")
    return lines


def source_lines_data(report: Report) -> list[str]:
    """The report's source lines as JSON, for the side-by-side reading mode (``archive.js``): raw OCR text, not shown.

    Embedded rather than fetched, so the mode works in the offline bundle
    opened from disk; escaped so the seed's text cannot end the script.
    """
    first, last = report.source_lines
    texts = [line.text for line in report.seed.lines[first - 1:last]]
    data = json.dumps(texts, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return [raw(f'<script type="application/json" id="source-lines" data-first="{first}">{data}</script>'), ""]


def url_text(url: str) -> str:
    """A URL as HTML whose scheme (``https://``) is kept on one line when printed.

    >>> url_text("https://a.org/reports/x/")
    '<span class="url-scheme">https://a.org/</span>reports/x/'
    """
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f'<span class="url-scheme">{html.escape(scheme + sep + host + slash)}</span>{html.escape(path)}'


def print_header(report: Report, site_url: str | None) -> list[str]:
    """What a printed page 1 carries under the title: the citation and the published address (hidden on screen).

    The address is text, not a link: on paper it is read, and the offline bundle links nowhere outside itself.
    """
    from build_scripts.export.citation import citation_record
    from build_scripts.export.citation_formats import gbt7714

    record = citation_record(report, site_url)
    address = (f'<span class="print-url">{url_text(record["URL"])}</span>'
               if record.get("URL") else '<span lang="en">(no published address: this build has no SITE_URL)</span>')
    return [raw(f'<div class="print-only print-header"><p class="print-citation">{html.escape(gbt7714(record))}</p>'
                f"<p>{address}</p></div>"), ""]


def page_markdown(report: Report, site_url: str | None = None, glossary=None, figures: list[str] = (),
                  offline: bool = False, topics=None, gazetteer=None) -> str:
    """The report page: title, one line of essentials, the text; then citations, figures and the apparatus.

    ``offline`` is the bundle read from disk, whose citations still give the
    published address.
    """
    meta = {**front_matter(report, for_page=True), "head": head_metadata(report, site_url, glossary, gazetteer),
            "tags": report_tags(report, topics), "hide": ["tags"]}
    validate(meta, load_schema("report.schema.json"), Path(f"docs/{REPORTS_DIR}/{report.id}.md"), FrontMatterError)
    lines = front_matter_lines(meta) + [generated_comment(f"seeds/{report.seed.name}"), ""]
    if report.kicker:
        lines += [md_escape(report.kicker), "{: .report-kicker }", ""]
    lines += [f"# {md_escape(report.title)} {{ #title }}", ""]
    if report.subtitle:
        lines += [marked_text(report.subtitle, "subtitle"), "{: .report-subtitle }", ""]
    lines += essentials(report, gazetteer)
    lines += print_header(report, site_url)
    lines += metadata_block(report, meta, gazetteer)
    here = f"{REPORTS_DIR}/{report.id}.md"
    lines += body_blocks(report, glossary, here, not offline)
    lines += source_lines_data(report)
    lines += cite_block(report, site_url, offline)
    if figures:
        lines += ['<div class="report-figures" markdown>', "", *figures, "</div>", ""]
    lines += apparatus(report, meta, page_link(f"{SOURCES_DIR}/{report.seed.slug}.md", here, not offline))
    return "\n".join(lines)


@functools.lru_cache(maxsize=1)
def archive_topics():
    from build_scripts.annotate.topics import load_topics
    return load_topics()


def report_tags(report: Report, topics=None) -> list[str]:
    """The tags index lists each report under its regions and topics (the tags stay hidden on the page itself).

    A topic's tag is its page's title, so the report joins the topic page
    under one tag; the topics are the ones its paragraphs and captions match.
    """
    from build_scripts.annotate.places import CONTENT_KINDS
    from build_scripts.annotate.topics import topic_matches

    topics = [topic.title for item in report.items if item.kind in CONTENT_KINDS
              for topic, _, _ in topic_matches(item.text, archive_topics() if topics is None else topics)]
    return list(dict.fromkeys([*report.regions, *topics]))


def seed_files(seed, reports: list[Report], site_url: str | None = None, glossary=None,
               figure_sections: dict[str, list[str]] | None = None, offline: bool = False,
               topics=None, gazetteer=None) -> dict[str, str]:
    """The files one seed yields, by path under ``docs/``: its reports' pages and citation files, its source view.

    ``figure_sections`` holds each report's table of figures (:mod:`figures`); ``topics`` and ``gazetteer``
    are the run's (without them, code outside a run reads its own).
    """
    figure_sections = figure_sections or {}
    files = {f"{REPORTS_DIR}/{r.id}.md": page_markdown(r, site_url, glossary, figure_sections.get(r.id, ()), offline, topics,
                                                              gazetteer)
             for r in reports}
    files.update({f"{REPORTS_DIR}/{name}": text for r in reports for name, text in report_files(r, site_url).items()})
    files[f"{SOURCES_DIR}/{seed.slug}.md"] = source_markdown(seed, reports)
    return files


