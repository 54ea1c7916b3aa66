"""Region pages: a page for every place the archive mentions, with its reports and passages by year.

The pages go to ``docs/regions/``, a folder the pipeline owns: ``index.md``
with the offline map (:mod:`build_scripts.site.region_map`), and one page
per league/city and per county-level unit that any report mentions.  A new
report naming a new banner gets that banner's page.
"""

from __future__ import annotations

import html
from collections import Counter

from build_scripts.annotate.places import (
    TYPE_LABELS,
    UNKNOWN_YEAR,
    Gazetteer,
    Hit,
    RegionEntry,
    is_league,
    paragraph_attribution,
    region_index,
    region_label,
    region_slugs,
    report_year,
    year_key,
)
from build_scripts.model import Item, Report
from build_scripts.site.markup import (
    front_matter_lines,
    generated_comment,
    html_link,
    html_list,
    html_text,
    md_escape,
    plural,
)
from build_scripts.site.region_map import locator_svg, region_map_svg
from build_scripts.site.urls import REGIONS_DIR, REPORTS_DIR, TOPICS_DIR

KWIC_WIDTH = 28


# --- names and slugs ------------------------------------------------------------


# --- attribution ------------------------------------------------------------------


# --- the index of what the archive says about each place ------------------------------


# --- Markdown helpers --------------------------------------------------------------------

# Region and topic pages quote report passages; a reader searching for words wants the reports first.
SECONDARY_SEARCH = {"boost": 0.2}


def kwic(text: str, start: int, form: str, width: int = KWIC_WIDTH) -> str:
    """Keyword in context as HTML, shown literally, with the mention marked."""
    left = text[max(0, start - width):start]
    right = text[start + len(form):start + len(form) + width]
    return ("…" if start > width else "") + html_text(left) + f"<mark>{html_text(form)}</mark>" + \
        html_text(right) + ("…" if start + len(form) + width < len(text) else "")


def hit_html(hit: Hit, page: str, directory_urls: bool) -> str:
    """A passage naming a place, as one raw-HTML list entry: report, date, paragraph link, the mention in context."""
    target = f"{REPORTS_DIR}/{hit.report.id}.md"
    times = f" ({hit.count}×)" if hit.count > 1 else ""
    return (f"{html_link(target, page, directory_urls, hit.report.title)} {html_text(hit.report.date or '')} · "
            f"{html_link(f'{target}#{hit.item.id}', page, directory_urls, item_label(hit.item))}{times}: "
            f"{kwic(hit.item.text, hit.start, hit.form)}")


def report_line(report: Report, page: str, directory_urls: bool = True) -> str:
    """``2017? · <a href="../../reports/id/">title</a>``: a report as a raw-HTML list entry on ``page``."""
    link = html_link(f"{REPORTS_DIR}/{report.id}.md", page, directory_urls, report.title)
    return f"{html_text(report.date or UNKNOWN_YEAR)} · {link}"


def why_listed(report: Report, name: str, gazetteer: Gazetteer) -> str:
    """Why a report is listed on a place's page: its byline office, its first region, or a mention."""
    offices = [a.office for a in report.authors if a.office]
    if any(name in gazetteer.regions_in(office, with_parents=True) for office in offices):
        return "byline office"
    if report.regions[:1] == [name]:
        return "first region named"
    return "named in the text"


def item_label(item: Item) -> str:
    return {"paragraph": "¶", "caption": "图", "heading": "§"}.get(item.kind, "¶") + " " + item.id


def _topic_parts(topic) -> tuple[str, str]:
    """(id, title) of a topic given as an object with ``id``/``title``, an ``(id, title)`` pair or an id."""
    if isinstance(topic, str):
        return topic, topic
    if isinstance(topic, tuple):
        return topic[0], topic[1]
    return topic.id, topic.title


# --- pages ---------------------------------------------------------------------------------

def region_pages(reports: list[Report], gazetteer: Gazetteer, topics_by_paragraph: dict | None = None,
                 terms_by_paragraph: dict | None = None, directory_urls: bool = True,
                 index: dict[str, RegionEntry] | None = None) -> dict[str, str]:
    """Markdown files for ``docs/regions/``: ``index.md`` and ``<slug>.md`` per mentioned place.

    ``topics_by_paragraph`` and ``terms_by_paragraph`` map ``(report id, item
    id)`` to the topics (objects with ``id`` and ``title``, ``(id, title)``
    pairs or ids) and glossary terms (strings) of that item; when given, each
    page lists the topics and terms most used there.
    """
    index = index or region_index(reports, gazetteer)
    slugs = region_slugs(gazetteer)
    homes = {(r.id, item_id): home for r in reports
             for item_id, (home, _) in paragraph_attribution(r, gazetteer).items()}
    files = {"index.md": index_page(index, gazetteer, slugs, directory_urls)}
    for name, entry in index.items():
        files[f"{slugs[name]}.md"] = region_page(entry, index, gazetteer, slugs, homes,
                                                 topics_by_paragraph, terms_by_paragraph, directory_urls)
    return files


def region_page(entry: RegionEntry, index: dict[str, RegionEntry], gazetteer: Gazetteer, slugs: dict[str, str],
                homes: dict, topics_by_paragraph: dict | None, terms_by_paragraph: dict | None,
                directory_urls: bool = True) -> str:
    """A place: its facts, reports, topics and terms, and every passage naming it (raw-HTML lists by year)."""
    page = f"{REGIONS_DIR}/{slugs[entry.name]}.md"
    name = entry.name
    region = gazetteer.regions[name]
    league = gazetteer.league_of(name)
    tags = [name] if league == name else [name, league]
    lines = front_matter_lines({"title": html.escape(region_label(gazetteer, name)), "generated_by": "build_scripts",
                                "tags": tags, "search": SECONDARY_SEARCH})
    lines += [generated_comment("build_scripts/data/gazetteer.yml and seeds/"), "",
              f"# {md_escape(name)} {md_escape(region.pinyin)} {{ #title }}", ""]
    facts = [("类型 Type", md_escape(TYPE_LABELS.get(region.type, region.type))),
             ("英文 English", md_escape(region.english))]
    if region.parent:
        parent = (f"[{md_escape(region_label(gazetteer, region.parent))}]({slugs[region.parent]}.md)"
                  if region.parent in index else md_escape(region_label(gazetteer, region.parent)))
        facts.append(("上级 League/city", parent))
    if region.short_forms:
        facts.append(("简称 Short forms", md_escape("、".join(region.short_forms))))
    facts.append(("位置 Location", f"{region.lat:.2f}°N {region.lon:.2f}°E (approximate seat)"))
    children = [child for child in index if gazetteer.regions[child].parent == name]
    if children:
        facts.append(("下辖 Units mentioned",
                      "、".join(f"[{md_escape(child)}]({slugs[child]}.md)" for child in children)))
    lines += ['<div class="region-facts" markdown>', "", '<div class="report-meta" markdown>', ""]
    for term, definition in facts:
        lines += [term, f":   {definition}", ""]
    lines += ["</div>", "", locator_svg(gazetteer, name), "", "</div>", ""]
    verb = "names" if len(entry.hits) == 1 else "name"
    lines += [f"{plural(len(entry.reports), 'report')}; {plural(len(entry.hits), 'passage')} {verb} this place"
              + ("" if league != name else " or one of its units")
              + f"; {plural(len(entry.paragraphs), 'paragraph or caption')} in all are about it (named, or placed "
              "here by byline or section heading). [All regions](index.md)", ""]

    lines += ["## 报告 Reports { #reports }", ""]
    page = f"{REGIONS_DIR}/{slugs[name]}.md"
    lines += html_list([f"{report_line(report, page, directory_urls)} — {why_listed(report, name, gazetteer)}"
                        for report in sorted(entry.reports, key=lambda r: (year_key(report_year(r)), r.date or "", r.id))])

    if topics_by_paragraph is not None:
        counts: Counter = Counter()
        titles = {}
        here: set = set()
        for key in entry.paragraphs:
            for topic in topics_by_paragraph.get(key, ()):
                topic_id, title = _topic_parts(topic)
                counts[topic_id] += 1
                titles[topic_id] = title
                if homes.get(key) == name:
                    here.add(topic_id)
        lines += ["## 专题 Topics { #topics }", "",
                  "The topics of the paragraphs about this place, most used first (a paragraph may have several).",
                  ""]
        if counts:
            for topic_id, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                anchor = f"#{slugs[name]}" if topic_id in here else ""
                lines.append(f"- [{md_escape(titles[topic_id])}](../{TOPICS_DIR}/{topic_id}.md{anchor}) — {count}")
        else:
            lines.append("None of the topics' rules match a paragraph about this place.")
        lines.append("")
    if terms_by_paragraph is not None:
        counts = Counter(term for key in entry.paragraphs for term in dict.fromkeys(terms_by_paragraph.get(key, ())))
        lines += ["## 术语 Glossary terms { #terms }", "",
                  "Glossary terms in the paragraphs about this place, by the number of paragraphs using them.", ""]
        if counts:
            lines.append("、".join(f"{md_escape(term)} ({count})"
                                   for term, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:30]))
        else:
            lines.append("None.")
        lines.append("")

    lines += ["## 提及段落 Passages that name it { #passages data-search-exclude }", ""]
    if league == name:
        lines += ["Passages naming one of its units count here too; the mention shown is the first one.", ""]
    by_year: dict[str, list[Hit]] = {}
    for hit in entry.hits:
        by_year.setdefault(report_year(hit.report), []).append(hit)
    for year in sorted(by_year, key=year_key):
        anchor = f"y{year}" if year != UNKNOWN_YEAR else "y-unknown"
        lines += [f"### {md_escape(year)} {{ #{anchor} data-search-exclude }}", ""]
        lines += html_list([hit_html(hit, page, directory_urls) for hit in by_year[year]])
    if not entry.hits:
        lines += ["No passage names it; the reports above are attributed to it by their byline.", ""]
    return "\n".join(lines)


def index_page(index: dict[str, RegionEntry], gazetteer: Gazetteer, slugs: dict[str, str],
               directory_urls: bool = True) -> str:
    lines = front_matter_lines({"title": "地区 Regions", "generated_by": "build_scripts", "search": SECONDARY_SEARCH})
    lines += [generated_comment("build_scripts/data/gazetteer.yml and seeds/"), "", "# 地区 Regions", ""]
    leagues = [n for n in index if is_league(gazetteer, n)]
    units = [n for n in index if not is_league(gazetteer, n)]
    reports = {r.id for e in index.values() for r in e.reports}
    lines += [f"The archive's {len(reports)} reports name {len(leagues)} leagues and cities and {len(units)} "
              "banners, counties, cities and districts of Inner Mongolia. Each place has a page with its reports "
              "and every passage that names it, by year. Click a place on the map or in the list.", ""]
    lines += [region_map_svg(index, gazetteer, slugs, directory_urls), ""]
    lines += ["## 按盟市 By league and city { #by-league }", ""]
    for league in leagues:
        entry = index[league]
        lines.append(f"- [{md_escape(region_label(gazetteer, league))}]({slugs[league]}.md) — "
                     f"{plural(len(entry.reports), 'report')}, {plural(len(entry.hits), 'passage')}")
        for unit in units:
            if gazetteer.regions[unit].parent == league:
                counts = f"{plural(len(index[unit].reports), 'report')}, {plural(len(index[unit].hits), 'passage')}"
                lines.append(f"    - [{md_escape(region_label(gazetteer, unit))}]({slugs[unit]}.md) — {counts}")
    orphans = [u for u in units if gazetteer.regions[u].parent not in index]
    for unit in orphans:  # cannot happen with a consistent gazetteer: a unit always brings its league
        lines.append(f"- [{md_escape(region_label(gazetteer, unit))}]({slugs[unit]}.md)")
    unmentioned = [n for n in gazetteer.regions if is_league(gazetteer, n) and n not in index]
    lines.append("")
    if unmentioned:
        lines += ["Not yet named by any report: " + md_escape("、".join(unmentioned)) + ".", ""]
    lines += ["Data: [`data/regions.json`](../data/regions.json) and [`data/regions.csv`](../data/regions.csv) — "
              "every gazetteer entry with its short forms, coordinates, page and reports.", ""]
    return "\n".join(lines)


# --- the map --------------------------------------------------------------------------------


# --- exports -----------------------------------------------------------------------------------


