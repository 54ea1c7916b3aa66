"""Topic pages: each topic's passages lined up region by region, and the region × topic matrix.

Pages go to ``docs/topics/`` (a folder the pipeline owns): ``index.md`` with
the matrix and a timeline, and ``<id>.md`` per topic.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from build_scripts.annotate.places import (
    BASIS_LABELS,
    UNKNOWN_YEAR,
    Gazetteer,
    region_label,
    region_order,
    region_slugs,
    report_year,
    year_key,
)
from build_scripts.annotate.topics import Passage, Topic, topic_passages
from build_scripts.model import Report
from build_scripts.site.markup import (
    front_matter_lines,
    generated_comment,
    html_link,
    html_list,
    html_table,
    html_text,
    md_escape,
    plural,
)
from build_scripts.site.region_pages import (
    SECONDARY_SEARCH,
    item_label,
    report_line,
)
from build_scripts.site.urls import REGIONS_DIR, REPORTS_DIR, TOPICS_DIR

EXCERPT_BEFORE, EXCERPT_AFTER = 40, 70


def code_span(text: str) -> str:
    """A Markdown code span that shows ``text`` literally, whatever backticks it holds."""
    ticks = "`" * (1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def excerpt(text: str, start: int, end: int) -> str:
    """The passage around the match as HTML, shown literally, with the match marked."""
    left = text[max(0, start - EXCERPT_BEFORE):start]
    right = text[end:end + EXCERPT_AFTER]
    return ("…" if start > EXCERPT_BEFORE else "") + html_text(left) + f"<mark>{html_text(text[start:end])}</mark>" \
        + html_text(right) + ("…" if end + EXCERPT_AFTER < len(text) else "")


def region_in_league(region: str, gazetteer: Gazetteer) -> str:
    """``武川县（呼和浩特市）`` for a county-level unit, the bare name for a league or city (plain text)."""
    parent = gazetteer.regions[region].parent
    return f"{region}（{parent}）" if parent else region


def year_label(year: int | None) -> str:
    return str(year) if year is not None else UNKNOWN_YEAR


def _grouped(passages: list[Passage], gazetteer: Gazetteer) -> dict[str | None, list[Passage]]:
    """Passages by region, regions in gazetteer order (league then its units), unplaced last."""
    order = region_order(gazetteer)
    groups: dict[str | None, list[Passage]] = {}
    for passage in passages:
        groups.setdefault(passage.region, []).append(passage)
    return {key: groups[key] for key in sorted(groups, key=lambda r: (r is None, order.get(r, 0) if r else 0))}


NO_REGION_ANCHOR = "no-region"


def topic_pages(reports: list[Report], topics: list[Topic], gazetteer: Gazetteer,
                terms_by_paragraph: dict | None = None, passages: dict[str, list[Passage]] | None = None,
                directory_urls: bool = True) -> dict[str, str]:
    """Markdown files for ``docs/topics/``: ``index.md`` and ``<id>.md`` per topic."""
    passages = passages or topic_passages(reports, topics, gazetteer)
    slugs = region_slugs(gazetteer)
    items = {(r.id, i.id): (r, i) for r in reports for i in r.items}
    files = {"index.md": topics_index(reports, topics, passages, gazetteer, slugs, directory_urls)}
    for topic in topics:
        files[f"{topic.id}.md"] = topic_page(topic, passages[topic.id], items, gazetteer, slugs, terms_by_paragraph,
                                             directory_urls)
    return files


def region_anchor(region: str | None, slugs: dict[str, str]) -> str:
    return slugs[region] if region else NO_REGION_ANCHOR


def topic_page(topic: Topic, passages: list[Passage], items: dict, gazetteer: Gazetteer, slugs: dict[str, str],
               terms_by_paragraph: dict | None, directory_urls: bool = True) -> str:
    """A topic's rules, its region × year grid and its passages (a raw-HTML list per region: there are thousands)."""
    page = f"{TOPICS_DIR}/{topic.id}.md"
    groups = _grouped(passages, gazetteer)
    reports_named = {p.report_id for p in passages}
    lines = front_matter_lines({"title": html.escape(f"{topic.title} {topic.title_en}"), "generated_by": "build_scripts",
                                "tags": [topic.title], "search": SECONDARY_SEARCH})
    lines += [generated_comment("build_scripts/data/topics.yml and seeds/"), "",
              f"# {md_escape(topic.title)} {{ #title }}", "", f"*{md_escape(topic.title_en)}*", "",
              md_escape(topic.introduction), "",
              f"{plural(len(passages), 'passage')} from {plural(len(reports_named), 'report')}, placed in "
              f"{plural(sum(1 for r in groups if r), 'region')}. "
              "[All topics and the region × topic matrix](index.md)", ""]

    lines += ["## 规则 Rules { #rules }", "",
              "A paragraph or photo caption belongs to this topic when one of these rules matches its cleaned text; "
              "the first rule that matches is given with each passage.", ""]
    used = Counter(p.rule for p in passages)
    for rule in topic.rules:
        lines.append(f"- **{md_escape(rule.name)}** — {md_escape(rule.describe())} "
                     f"({plural(used[rule.name], 'passage')})")
    lines.append("")

    years = sorted({p.year for p in passages}, key=lambda y: (y is None, y or 0))
    lines += ["## 地区 × 年份 Regions × years { #grid }", ""]
    if passages:  # raw HTML (markup.raw): thousands of Markdown cells were most of the page's build
        rows = []
        for region, group in groups.items():
            counts = Counter(p.year for p in group)
            label = html_text(region_in_league(region, gazetteer)) if region else "不详 unplaced"
            rows.append([f'<a href="#{region_anchor(region, slugs)}">{label}</a>',
                         *(str(counts[y]) if counts[y] else "·" for y in years), str(len(group))])
        totals = Counter(p.year for p in passages)
        rows.append(["合计 Total", *(str(totals[y]) for y in years), str(len(passages))])
        lines += html_table(["地区 Region", *(html_text(year_label(y)) for y in years), "合计 Total"], rows,
                            right=len(years) + 1)
    else:
        lines += ["No passage matches this topic yet.", ""]

    lines += ["## 段落 Passages by region { #passages data-search-exclude }", ""]
    for region, group in groups.items():
        if region:
            parent = gazetteer.regions[region].parent
            lines += [f"### {md_escape(region_label(gazetteer, region))} {{ #{slugs[region]} data-search-exclude }}", "",
                      f"{plural(len(group), 'passage')} · [region page](../{REGIONS_DIR}/{slugs[region]}.md)"
                      + (f" · in {md_escape(parent)}" if parent else ""), ""]
        else:
            lines += [f"### 不详 Unplaced {{ #{NO_REGION_ANCHOR} data-search-exclude }}", "", plural(len(group), "passage"), ""]
        entries = []
        for passage in group:
            report, item = items[(passage.report_id, passage.paragraph_id)]
            target = f"{REPORTS_DIR}/{report.id}.md"
            basis = f" (placed by: {BASIS_LABELS[passage.region_basis]})" if passage.region_basis != "lead" else ""
            entry = [f"{html_text(report.date or UNKNOWN_YEAR)} · {html_link(target, page, directory_urls, report.title)}"
                     f" · {html_link(f'{target}#{item.id}', page, directory_urls, item_label(item))} · "
                     f"rule <strong>{html_text(passage.rule)}</strong>: “{html_text(passage.term)}”{html_text(basis)}",
                     excerpt(item.text, *passage.span)]
            terms = list(dict.fromkeys((terms_by_paragraph or {}).get((report.id, item.id), ())))
            if terms:
                entry.append(f"术语 Terms: {html_text('、'.join(terms))}")
            entries.append(entry)
        lines += html_list(entries)
    return "\n".join(lines)


def matrix(passages: dict[str, list[Passage]]) -> dict[tuple[str | None, str], int]:
    """(region, topic id) → number of passages."""
    return Counter((p.region, topic_id) for topic_id, group in passages.items() for p in group)


def topics_index(reports: list[Report], topics: list[Topic], passages: dict[str, list[Passage]],
                 gazetteer: Gazetteer, slugs: dict[str, str], directory_urls: bool = True) -> str:
    counts = matrix(passages)
    order = region_order(gazetteer)
    named = {region for region, _ in counts}
    named |= {gazetteer.regions[r].parent for r in named if r and gazetteer.regions[r].parent}
    regions = sorted(named, key=lambda r: (r is None, order.get(r, 0) if r else 0))
    lines = front_matter_lines({"title": "专题 Topics", "generated_by": "build_scripts", "search": SECONDARY_SEARCH})
    lines += [generated_comment("build_scripts/data/topics.yml and seeds/"), "", "# 专题 Topics", "",
              f"{len(topics)} topics, each defined by transparent rules over the paragraphs of the archive's "
              f"{len(reports)} reports. A topic page lines up the matching passages region by region and year by "
              "year, and says which rule matched each. A passage is placed in one region: the first region named "
              "in its first sentence, else the region its section heading names, else its report's (byline) region — "
              "unless it names only places outside that region, then the first of them.", ""]

    lines += ["## 专题列表 Topic list { #list }", "",
              "| 专题 Topic | English | 段落 Passages | 地区 Regions | 年份 Years |", "| --- | --- | ---: | ---: | --- |"]
    for topic in topics:
        group = passages[topic.id]
        years = sorted({year_label(p.year) for p in group}, key=year_key)
        lines.append(f"| [{md_escape(topic.title)}]({topic.id}.md) | {md_escape(topic.title_en)} | {len(group)} | "
                     f"{len({p.region for p in group if p.region})} | {md_escape(', '.join(years)) or '—'} |")
    lines.append("")

    lines += ["## 地区 × 专题 Regions × topics { #matrix }", "",
              "Passages per region and topic; each number links to those passages on the topic page. "
              "Leagues and cities are in bold, each followed by the units named under it; a passage counts once, "
              "in the region it is placed in.", ""]
    if regions:
        header = ["地区 Region"] + [f"[{md_escape(t.label)}]({t.id}.md \"{html.escape(t.title)}\")" for t in topics] \
            + ["合计 Total"]
        lines += ['<div class="topic-matrix" markdown>', "", "| " + " | ".join(header) + " |",
                  "| --- | " + " | ".join("---:" for _ in topics) + " | ---: |"]
        for region in regions:
            if region is None:
                label = "不详 unplaced"
            elif gazetteer.regions[region].parent is None:
                label = f"**[{md_escape(region)}](../{REGIONS_DIR}/{slugs[region]}.md)**"
            else:
                label = f"↳ [{md_escape(region)}](../{REGIONS_DIR}/{slugs[region]}.md)"
            cells = []
            for topic in topics:
                n = counts.get((region, topic.id), 0)
                cells.append(f"[{n}]({topic.id}.md#{region_anchor(region, slugs)})" if n else "·")
            total = sum(counts.get((region, t.id), 0) for t in topics)
            lines.append(f"| {label} | " + " | ".join(cells) + f" | {total} |")
        lines.append("| 合计 Total | " + " | ".join(str(len(passages[t.id])) for t in topics)
                     + f" | {sum(len(g) for g in passages.values())} |")
        lines += ["", "</div>", ""]
    else:
        lines += ["No passages yet.", ""]

    by_year: dict[str, list[Report]] = {}
    for report in reports:
        by_year.setdefault(report_year(report), []).append(report)
    years = sorted(by_year, key=year_key)
    widest = max((len(v) for v in by_year.values()), default=1)
    lines += ["## 时间线 Timeline { #timeline }", "",
              "Reports by year (a “?” marks a year inferred from the text, see each report's date basis).", ""]
    for year in years:
        group = sorted(by_year[year], key=lambda r: (r.date or "", r.id))
        bar = "▇" * len(group) + "·" * (widest - len(group))
        lines += [f"### {md_escape(year)} {{ #year-{year if year != UNKNOWN_YEAR else 'unknown'} }}", "",
                  f"<span class=\"timeline-bar\" aria-hidden=\"true\">{bar}</span> {plural(len(group), 'report')}", ""]
        lines += html_list([f"{report_line(r, f'{TOPICS_DIR}/index.md', directory_urls)} — "
                            f"{html_text('、'.join(r.regions[:1]) or '—')}" for r in group])

    year_list = sorted({p.year for g in passages.values() for p in g}, key=lambda y: (y is None, y or 0))
    if year_list:
        lines += ["## 专题 × 年份 Topics × years { #topics-by-year }", "",
                  "Passages per topic and report year.", "",
                  "| 专题 Topic | " + " | ".join(year_label(y) for y in year_list) + " |",
                  "| --- | " + " | ".join("---:" for _ in year_list) + " |"]
        for topic in topics:
            c = Counter(p.year for p in passages[topic.id])
            lines.append(f"| [{md_escape(topic.title)}]({topic.id}.md) | "
                         + " | ".join(str(c[y]) if c[y] else "·" for y in year_list) + " |")
        lines.append("")
    lines += ["Data: [`data/topics.json`](../data/topics.json) and [`data/topics.csv`](../data/topics.csv) — "
              "each topic with its rules and passages.", ""]
    return "\n".join(lines)
