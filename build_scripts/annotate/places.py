"""Regions: which places each paragraph speaks of, and a page for every place the archive mentions.

Attribution works at paragraph level.  A paragraph belongs to every region it
names (canonical names from the gazetteer, short forms included) and to the
league or city of every county-level unit it names, so a paragraph of a
league-wide report that talks about 苏尼特左旗 belongs to 苏尼特左旗 and to
锡林郭勒盟.  A report rolls these up behind its byline (office) region.

The pages go to ``docs/regions/``, a folder the pipeline owns: ``index.md``
with an offline SVG map drawn from the gazetteer's coordinates, and one page
per league/city and per county-level unit that any report mentions.  Nothing
here knows which places the seeds name: a new report naming a new banner gets
that banner's page.
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import yaml

from build_scripts.annotate.metadata import Gazetteer
from build_scripts.export.tables import csv_text
from build_scripts.model import Item, Report
from build_scripts.site.browse import year_of
from build_scripts.site.markup import (
    generated_comment,
    html_link,
    html_list,
    html_text,
    md_escape,
)
from build_scripts.site.urls import REPORTS_DIR

REGIONS_DIR = "regions"
TOPICS_DIR = "topics"
CONTENT_KINDS = ("paragraph", "caption")
TYPE_LABELS = {
    "league": "盟 League", "city": "地级市 Prefecture-level city", "banner": "旗 Banner",
    "autonomous_banner": "自治旗 Autonomous banner", "county": "县 County",
    "county_city": "县级市 County-level city", "district": "区 District",
    "management_area": "管理区 Management area",
}
UNKNOWN_YEAR = "不详"
KWIC_WIDTH = 28


# --- names and slugs ------------------------------------------------------------

def ascii_slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (accents dropped).

    >>> ascii_slug("Xilin Gol Meng")
    'xilin-gol-meng'
    >>> ascii_slug("Ar Horqin Qi")
    'ar-horqin-qi'
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def region_slugs(gazetteer: Gazetteer) -> dict[str, str]:
    """Every gazetteer entry's page slug, from its pinyin; unique, never ``index``, in gazetteer order."""
    used, slugs = {"index"}, {}
    for name, region in gazetteer.regions.items():
        base = ascii_slug(region.pinyin) or f"region-{len(slugs) + 1}"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        slugs[name] = slug
    return slugs


def is_league(gazetteer: Gazetteer, name: str) -> bool:
    """A league or prefecture-level city: a top-level entry of the gazetteer."""
    return gazetteer.regions[name].parent is None


def region_label(gazetteer: Gazetteer, name: str) -> str:
    """``锡林郭勒盟 Xilin Gol Meng``: the canonical name with its pinyin (plain text; escape it for Markdown)."""
    return f"{name} {gazetteer.regions[name].pinyin}"


def region_order(gazetteer: Gazetteer) -> dict[str, int]:
    """Sort key: each league/city followed by its own county-level units, in gazetteer order."""
    order, position = {}, 0
    names = list(gazetteer.regions)
    for name in names:
        if is_league(gazetteer, name):
            order[name] = position
            position += 1
            for child in names:
                if gazetteer.regions[child].parent == name:
                    order[child] = position
                    position += 1
    for name in names:  # a unit whose parent is missing from the gazetteer still sorts
        if name not in order:
            order[name] = position
            position += 1
    return order


def plural(count: int, word: str) -> str:
    """``1 report``, ``2 reports``.

    >>> plural(1, "passage"), plural(3, "passage")
    ('1 passage', '3 passages')
    """
    if count == 1:
        return f"1 {word}"
    return f"{count} " + ("paragraphs or captions" if word == "paragraph or caption" else word + "s")


def year_key(year: str) -> tuple[int, str]:
    return (1, year) if year == UNKNOWN_YEAR or not year else (0, year)


def report_year(report: Report) -> str:
    return year_of(report) or UNKNOWN_YEAR


def year_number(report: Report) -> int | None:
    """The report's year as a number, or None when its date gives none."""
    year = report_year(report)
    return int(year) if year.isdigit() else None


# --- attribution ------------------------------------------------------------------

def paragraph_regions(report: Report, gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Regions each item (paragraph, caption, heading) mentions, in order of first mention.

    Each county-level unit brings its league or city right after it.
    """
    return {item.id: gazetteer.regions_in(item.text, with_parents=True) for item in report.items}


def section_regions(report: Report, gazetteer: Gazetteer) -> dict[str, list[str]]:
    """For each item, the regions named by the nearest enclosing heading that names any.

    In a bulletin with sections ``正镶白旗机关在职党员…`` and ``武川县多措并举…``,
    the paragraphs under each heading speak of that heading's place even when
    they do not repeat its name.
    """
    stack: list[tuple[int, list[str]]] = []
    out = {}
    for item in report.items:
        if item.kind == "heading":
            level = item.level or 2
            stack = [(lvl, names) for lvl, names in stack if lvl < level]
            stack.append((level, gazetteer.regions_in(item.text, with_parents=True)))
        out[item.id] = next((names for _, names in reversed(stack) if names), [])
    return out


FIRST_SENTENCE_RE = re.compile(r"^.*?(?:[。！？；!?;]|$)", re.S)
BASIS_LABELS = {
    "lead": "named in its first sentence",
    "section": "named by its section heading",
    "report": "its report's region",
    "elsewhere": "the first region it names (outside its report's region)",
}


def paragraph_attribution(report: Report, gazetteer: Gazetteer) -> dict[str, tuple[str | None, str]]:
    """Each item's one home region, and the basis it was chosen on (a key of :data:`BASIS_LABELS`).

    1. ``lead``: the first region named in the item's first sentence — the
       place the paragraph is about (``乌审旗突出…``, a caption ``苏尼特左旗洪格尔苏木…``);
    2. ``section``: else the first region its section heading names;
    3. ``report``: else the report's first region (its byline office when it
       has one), also when the item names only places inside that region's
       league — a league's report citing one banner as an example;
    4. ``elsewhere``: else the first region the item names.

    >>> from build_scripts.model import Item
    >>> class R: regions, items = ["锡林郭勒盟"], [Item("p1", "paragraph", "全盟推行网格化管理。东乌旗探索……", (1, 1)),
    ...                                        Item("p2", "caption", "苏尼特左旗开展主题党日。", (2, 2))]
    >>> paragraph_attribution(R, Gazetteer())
    {'p1': ('锡林郭勒盟', 'report'), 'p2': ('苏尼特左旗', 'lead')}
    """
    mentioned = paragraph_regions(report, gazetteer)
    sections = section_regions(report, gazetteer)
    home = report.regions[0] if report.regions else None
    home_league = gazetteer.league_of(home) if home in gazetteer.regions else None
    out = {}
    for item in report.items:
        lead = gazetteer.regions_in(FIRST_SENTENCE_RE.match(item.text).group(0))
        named = mentioned[item.id]
        if lead:
            out[item.id] = (lead[0], "lead")
        elif sections[item.id]:
            out[item.id] = (sections[item.id][0], "section")
        elif not named or home is None or any(gazetteer.league_of(n) == home_league for n in named):
            out[item.id] = (home, "report")
        else:
            out[item.id] = (named[0], "elsewhere")
    return out


def attributed_regions(report: Report, gazetteer: Gazetteer) -> list[str]:
    """The report-level roll-up: the byline/office region first, then every other region it names.

    Order: ``report.regions[0]`` (the office region when there is a byline),
    then regions named in the kicker, title and subtitle, the items in order,
    the authors' offices and the furniture (credits, bylines), each county-level
    unit followed by its league or city; anything else ``report.regions`` holds
    comes last.
    """
    names: list[str] = []

    def add(found):
        for name in found:
            if name not in names:
                names.append(name)

    add(report.regions[:1])
    for text in (report.kicker, report.title, report.subtitle):
        if text:
            add(gazetteer.regions_in(text, with_parents=True))
    for found in paragraph_regions(report, gazetteer).values():
        add(found)
    for author in report.authors:
        add(gazetteer.regions_in(author.office or "", with_parents=True))
    for piece in report.furniture:
        add(gazetteer.regions_in(piece.text, with_parents=True))
    add(name for name in report.regions if name in gazetteer.regions)
    return [name for name in names if name in gazetteer.regions]


# --- the index of what the archive says about each place ------------------------------

@dataclass
class Hit:
    """One item of one report that mentions a region (``form``/``start``: the mention to show in context)."""

    report: Report
    item: Item
    form: str
    start: int
    count: int


@dataclass
class RegionEntry:
    name: str
    reports: list[Report] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    #: (report id, item id) of every content item about the place: mentioning it or attributed to it
    paragraphs: list[tuple[str, str]] = field(default_factory=list)


def region_index(reports: list[Report], gazetteer: Gazetteer) -> dict[str, RegionEntry]:
    """Every region any report mentions, with its reports, mentioning items and attributed items.

    Keys are in region order (each league/city followed by its units).
    """
    entries: dict[str, RegionEntry] = {}

    def entry(name: str) -> RegionEntry:
        return entries.setdefault(name, RegionEntry(name))

    for report in reports:
        for name in attributed_regions(report, gazetteer):
            entry(name).reports.append(report)
        attribution = paragraph_attribution(report, gazetteer)
        for item in report.items:
            own: dict[str, list[tuple[int, str]]] = {}
            via_unit: dict[str, list[tuple[int, str]]] = {}
            for start, form, name in gazetteer.mentions(item.text):
                own.setdefault(name, []).append((start, form))
                parent = gazetteer.regions[name].parent
                if parent is not None:
                    via_unit.setdefault(parent, []).append((start, form))
            found: dict[str, Hit] = {}
            for name in gazetteer.regions_in(item.text, with_parents=True):
                start, form = (own.get(name) or via_unit[name])[0]
                found[name] = Hit(report, item, form, start, len(own.get(name, ())))
            for name, hit in found.items():
                entry(name).hits.append(hit)
            if item.kind in CONTENT_KINDS:
                home, _ = attribution[item.id]
                about = list(found)
                if home is not None:
                    about += [home, gazetteer.regions[home].parent]
                for name in dict.fromkeys(n for n in about if n):
                    entry(name).paragraphs.append((report.id, item.id))
    order = region_order(gazetteer)
    return {name: entries[name] for name in sorted(entries, key=order.__getitem__)}


def mentioned_regions(reports: list[Report], gazetteer: Gazetteer) -> list[str]:
    """Names of every region that gets a page, in region order."""
    return list(region_index(reports, gazetteer))


# --- Markdown helpers --------------------------------------------------------------------

# Region and topic pages quote report passages; a reader searching for words wants the reports first.
SECONDARY_SEARCH = {"boost": 0.2}


def front_matter(meta: dict) -> list[str]:
    return ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000).rstrip(), "---", ""]


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


def report_line(report: Report, prefix: str = "../") -> str:
    """``2017? · [title](../reports/id.md)``: a report as a list entry (escaped)."""
    link = f"{prefix}{REPORTS_DIR}/{report.id}.md"
    return f"{md_escape(report.date or UNKNOWN_YEAR)} · [{md_escape(report.title)}]({link})"


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
    lines = front_matter({"title": html.escape(region_label(gazetteer, name)), "generated_by": "build_scripts",
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
    lines += ['<div class="report-meta" markdown>', ""]
    for term, definition in facts:
        lines += [term, f":   {definition}", ""]
    lines += ["</div>", ""]
    verb = "names" if len(entry.hits) == 1 else "name"
    lines += [f"{plural(len(entry.reports), 'report')}; {plural(len(entry.hits), 'passage')} {verb} this place"
              + ("" if league != name else " or one of its units")
              + f"; {plural(len(entry.paragraphs), 'paragraph or caption')} in all are about it (named, or placed "
              "here by byline or section heading). [All regions](index.md)", ""]

    lines += ["## 报告 Reports { #reports }", ""]
    for report in sorted(entry.reports, key=lambda r: (year_key(report_year(r)), r.date or "", r.id)):
        lines.append(f"- {report_line(report)} — {why_listed(report, name, gazetteer)}")
    lines.append("")

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
    lines = front_matter({"title": "地区 Regions", "generated_by": "build_scripts", "search": SECONDARY_SEARCH})
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

MAP_WIDTH = 800
MAP_MARGIN = 0.9   # degrees around the gazetteer's extent
LEAGUE_R, UNIT_R = 7.5, 4.5
LEAGUE_FONT, UNIT_FONT = 16, 12.5


def _text_width(text: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


def _overlap_area(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _label_candidates(x: float, y: float, r: float, size: float, w: float) -> list[tuple]:
    """(text-anchor, x, y, box) for a label right, left, above, below and at the four diagonals of a marker."""
    gap, d = 3, r * 0.7 + 3
    spots = [("start", x + r + gap, y + size * 0.35), ("end", x - r - gap, y + size * 0.35),
             ("middle", x, y - r - gap - size * 0.15), ("middle", x, y + r + gap + size * 0.8),
             ("start", x + d, y - d), ("start", x + d, y + d + size * 0.7),
             ("end", x - d, y - d), ("end", x - d, y + d + size * 0.7)]
    out = []
    for anchor, tx, ty in spots:
        left = {"start": tx, "end": tx - w, "middle": tx - w / 2}[anchor]
        out.append((anchor, round(tx, 1), round(ty, 1), (left, ty - size * 0.85, left + w, ty + size * 0.2)))
    return out


def region_map_svg(index: dict[str, RegionEntry], gazetteer: Gazetteer, slugs: dict[str, str],
                   directory_urls: bool = True) -> str:
    """An inline SVG map: equirectangular projection of the gazetteer's coordinates.

    Raw SVG links are not rewritten by MkDocs, so they are written for the
    URL style of the build: ``slug/`` on a server, ``slug.html`` offline.

    Every gazetteer entry is a faint dot (the dots trace Inner Mongolia's
    crescent); each place the archive mentions is a link (circle and label) to
    its page, leagues and cities larger, each unit joined to its league's seat
    by a thin line.  Colours come from ``currentColor`` and the theme's CSS
    variables, so the map follows light and dark mode; nothing is fetched.
    """
    regions = gazetteer.regions
    lats = [r.lat for r in regions.values()]
    lons = [r.lon for r in regions.values()]
    lat0, lat1 = min(lats) - MAP_MARGIN, max(lats) + MAP_MARGIN
    lon0, lon1 = min(lons) - MAP_MARGIN, max(lons) + MAP_MARGIN
    aspect = math.cos(math.radians((lat0 + lat1) / 2))
    scale = MAP_WIDTH / ((lon1 - lon0) * aspect)
    height = round((lat1 - lat0) * scale)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round((lon - lon0) * aspect * scale, 1), round((lat1 - lat) * scale, 1)

    fg = "currentColor"
    link = "var(--md-typeset-a-color, currentColor)"
    halo = "var(--md-default-bg-color, #fff)"
    out = ['<figure class="region-map" style="width:100%;max-width:none">',
           f'<svg class="region-map-svg" viewBox="0 0 {MAP_WIDTH} {height}" role="img" '
           f'aria-labelledby="region-map-title region-map-desc" style="width:100%;height:auto;max-width:60rem;'
           f'color:inherit;font-family:inherit">',
           '<title id="region-map-title">内蒙古 Inner Mongolia: places named in the archive</title>',
           '<desc id="region-map-desc">Equirectangular sketch from the gazetteer\'s approximate coordinates; '
           'faint dots are all leagues, cities, banners and counties; each labelled place links to its page.</desc>',
           f'<g class="region-map-grid" fill="none" stroke="{fg}" stroke-opacity="0.12" stroke-width="1">']
    meridians = [(lon, xy(lat0, lon)[0]) for lon in range(math.ceil(lon0), math.floor(lon1) + 1) if lon % 5 == 0]
    parallels = [(lat, xy(lat, lon0)[1]) for lat in range(math.ceil(lat0), math.floor(lat1) + 1) if lat % 5 == 0]
    out += [f'<line x1="{x}" y1="0" x2="{x}" y2="{height}"/>' for _, x in meridians]
    out += [f'<line x1="0" y1="{y}" x2="{MAP_WIDTH}" y2="{y}"/>' for _, y in parallels]
    out.append("</g>")
    out.append(f'<g class="region-map-grid-labels" fill="{fg}" fill-opacity="0.45" font-size="10">')
    out += [f'<text x="{x + 2}" y="{height - 4}">{lon}°E</text>' for lon, x in meridians]
    out += [f'<text x="2" y="{y - 2}">{lat}°N</text>' for lat, y in parallels]
    out.append("</g>")
    out.append(f'<g class="region-map-all" fill="{fg}" fill-opacity="0.22">')
    for name, region in regions.items():
        x, y = xy(region.lat, region.lon)
        out.append(f'<circle cx="{x}" cy="{y}" r="1.8"><title>{html.escape(name)}</title></circle>')
    out.append("</g>")

    # marker positions: a unit sitting on an already drawn marker is nudged and joined to its true place
    leagues = [n for n in index if is_league(gazetteer, n)]
    units = [n for n in index if not is_league(gazetteer, n)]
    placed: dict[str, tuple[float, float]] = {}
    true_xy = {n: xy(regions[n].lat, regions[n].lon) for n in index}
    for name in leagues + units:
        x, y = true_xy[name]
        radius = LEAGUE_R if name in leagues else UNIT_R
        step = 0
        while any(math.dist((x, y), p) < radius + (LEAGUE_R if o in leagues else UNIT_R) + 1
                  for o, p in placed.items()):
            step += 1
            angle = math.radians(45 + 60 * step)
            x = round(true_xy[name][0] + (radius + LEAGUE_R + 2) * math.cos(angle) * (1 + step // 6), 1)
            y = round(true_xy[name][1] + (radius + LEAGUE_R + 2) * math.sin(angle) * (1 + step // 6), 1)
        placed[name] = (x, y)

    out.append(f'<g class="region-map-links" fill="none" stroke="{fg}" stroke-opacity="0.35" stroke-width="1">')
    for name in units:
        parent = regions[name].parent
        if parent in placed:
            (x1, y1), (x2, y2) = placed[parent], placed[name]
            out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
        if placed[name] != true_xy[name]:
            (x1, y1), (x2, y2) = true_xy[name], placed[name]
            out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-dasharray="2 2"/>')
    out.append("</g>")

    # labels: greedy, leagues first; eight positions around the marker, the first that overlaps no label
    # or marker already placed, else the one that overlaps least
    boxes = [(x - r, y - r, x + r, y + r) for n, (x, y) in placed.items()
             for r in [LEAGUE_R if n in leagues else UNIT_R]]
    out.append('<g class="region-map-places">')
    for name in leagues + units:
        x, y = placed[name]
        league = name in leagues
        radius, size = (LEAGUE_R, LEAGUE_FONT) if league else (UNIT_R, UNIT_FONT)
        own = (x - radius, y - radius, x + radius, y + radius)
        others = [b for b in boxes if b != own]
        candidates = _label_candidates(x, y, radius, size, _text_width(name, size))
        inside = [c for c in candidates if c[3][0] >= 0 and c[3][2] <= MAP_WIDTH and c[3][1] >= 0 and c[3][3] <= height]
        anchor, tx, ty, box = min(inside or candidates, key=lambda c: sum(_overlap_area(c[3], b) for b in others))
        boxes.append(box)
        entry = index[name]
        tip = (f"{name} {regions[name].pinyin} · {TYPE_LABELS.get(regions[name].type, regions[name].type)} · "
               f"{plural(len(entry.reports), 'report')}, {plural(len(entry.hits), 'passage')}")
        fill = link if league else fg
        href = f"{slugs[name]}/" if directory_urls else f"{slugs[name]}.html"
        out.append(f'<a href="{href}" class="region-map-place{" is-league" if league else ""}" '
                   f'data-region="{html.escape(name)}" aria-label="{html.escape(tip)}">'
                   f'<title>{html.escape(tip)}</title>'
                   f'<circle cx="{x}" cy="{y}" r="{radius}" style="fill:{link};fill-opacity:{0.9 if league else 0.75};'
                   f'stroke:{halo};stroke-width:1.5"/>'
                   f'<text x="{tx}" y="{ty}" text-anchor="{anchor}" font-size="{size}" '
                   f'font-weight="{700 if league else 400}" style="fill:{fill};paint-order:stroke;stroke:{halo};'
                   f'stroke-width:3px;stroke-linejoin:round">{html.escape(name)}</text></a>')
    out.append("</g>")
    out += ["</svg>",
            "<figcaption>内蒙古 Inner Mongolia — places named in the archive (bold: leagues and cities). "
            "Positions are approximate seats from the gazetteer, in a plain longitude/latitude projection; "
            "no boundaries are drawn.</figcaption>",
            "</figure>"]
    return "\n".join(out)


# --- exports -----------------------------------------------------------------------------------

REGION_CSV_COLUMNS = ["name", "type", "parent", "pinyin", "english", "aliases", "lat", "lon", "url", "reports"]


def region_records(reports: list[Report], gazetteer: Gazetteer,
                   index: dict[str, RegionEntry] | None = None) -> list[dict]:
    """One record per gazetteer entry, in gazetteer order; ``url`` is null where no report names the place."""
    index = index or region_index(reports, gazetteer)
    slugs = region_slugs(gazetteer)
    records = []
    for name, region in gazetteer.regions.items():
        entry = index.get(name)
        records.append({
            "name": name, "type": region.type, "parent": region.parent, "pinyin": region.pinyin,
            "english": region.english, "aliases": list(region.short_forms), "lat": region.lat, "lon": region.lon,
            "url": f"{REGIONS_DIR}/{slugs[name]}/" if entry else None,
            "reports": [r.id for r in entry.reports] if entry else [],
        })
    return records


def region_exports(reports: list[Report], gazetteer: Gazetteer,
                   index: dict[str, RegionEntry] | None = None) -> dict[str, str]:
    """``regions.json`` and ``regions.csv`` for ``docs/data/``."""
    records = region_records(reports, gazetteer, index)
    rows = [{**record, "aliases": "; ".join(record["aliases"]), "reports": "; ".join(record["reports"]),
             "parent": record["parent"] or "", "url": record["url"] or ""} for record in records]
    return {"regions.json": json.dumps(records, ensure_ascii=False, indent=1) + "\n",
            "regions.csv": csv_text(REGION_CSV_COLUMNS, rows)}
