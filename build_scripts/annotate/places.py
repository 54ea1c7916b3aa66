"""Places: the gazetteer, which regions each paragraph speaks of, and a report's regions.

Attribution works at paragraph level.  A paragraph belongs to every region it
names (canonical names from the gazetteer, short forms included) and to the
league or city of every county-level unit it names, so a paragraph of a
league-wide report that talks about 苏尼特左旗 belongs to 苏尼特左旗 and to
锡林郭勒盟.  A report rolls these up behind its byline (office) region.
Nothing here knows which places the seeds name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from build_scripts.annotate.segmenter import Words, standalone_words, standing_matches
from build_scripts.errors import DataFileError
from build_scripts.model import Item, Report, year_of
from build_scripts.text.ingest import DATA_DIR, load_schema, read_yaml, validate


@dataclass(frozen=True)
class Region:
    name: str
    type: str
    parent: str | None
    pinyin: str
    english: str
    lat: float
    lon: float
    short_forms: tuple[str, ...]


class Gazetteer:
    """Inner Mongolia's divisions, and a scanner that finds them in Chinese text.

    Scanning takes the leftmost, longest name or short form at each position,
    so ``东乌珠穆沁旗`` is one mention and ``鄂托克前旗`` is not read as ``克旗``;
    a form inside another word (额尔古纳 in 额尔古纳河) is no mention.
    """

    def __init__(self, path: Path = DATA_DIR / "gazetteer.yml", words: Words | None = None, data: dict | None = None):
        """``words`` is the run's tokenizer (code outside a run gets the standalone one); ``data`` the file as read."""
        data = read_yaml(path, DataFileError) if data is None else data
        validate(data, load_schema("gazetteer.schema.json"), path, DataFileError)
        self.regions = {r["name"]: Region(**{**r, "short_forms": tuple(r["short_forms"])})
                        for r in data["regions"]}
        self.path = path
        self.words = words

    @cached_property
    def _forms(self) -> dict[str, str]:
        forms = {}
        for region in self.regions.values():
            for form in (region.name, *region.short_forms):
                if forms.setdefault(form, region.name) != region.name:
                    raise DataFileError(self.path, f"the form {form!r} names two regions",
                                        "give each short form to one region only", where="short_forms")
        return forms

    @cached_property
    def _pattern(self) -> re.Pattern:
        alternatives = sorted(self._forms, key=lambda f: (-len(f), f))
        return re.compile("|".join(map(re.escape, alternatives)))

    @cached_property
    def _mentions(self) -> dict[str, list[tuple[int, str, str]]]:
        """Mentions by text: attribution, region pages and topic passages scan each paragraph once."""
        return {}

    def mentions(self, text: str) -> list[tuple[int, str, str]]:
        """(position, form as written, canonical name) for every mention, in order."""
        found = self._mentions.get(text)
        if found is None:
            found = self._mentions[text] = [(m.start(), m.group(0), self._forms[m.group(0)])
                                            for m in standing_matches(self._pattern, text, self.segmenter)]
        return found

    @property
    def segmenter(self):
        return (self.words or standalone_words()).segmenter

    def regions_in(self, text: str, with_parents: bool = False) -> list[str]:
        """Canonical names mentioned in ``text``, in order of first mention."""
        names: list[str] = []
        for _, _, name in self.mentions(text):
            chain = [name] + ([self.regions[name].parent] if with_parents and self.regions[name].parent else [])
            for each in chain:
                if each not in names:
                    names.append(each)
        return names

    def league_of(self, name: str) -> str:
        return self.regions[name].parent or name


SUBJECT_SHARE = 0.4   # a place named in this share of the paragraphs is a subject of the report too
OPENING_CLAUSE_RE = re.compile(r"^[^，。；：,;:]{0,16}")


def most_specific(gazetteer: Gazetteer, names: list[str], keep: set[str] = frozenset()) -> list[str]:
    """Names without the leagues whose banners are also listed (unless ``keep`` names them), in order."""
    parents = {gazetteer.regions[n].parent for n in names}
    return list(dict.fromkeys(n for n in names if n not in parents or n in keep))


def subject_regions(gazetteer: Gazetteer, header: str, office: str,
                    paragraphs: list[str]) -> tuple[list[str], list[str], str]:
    """The places a report is about, the places it merely mentions, and the rule that decided.

    The subject is what the title or the byline's office names; else what
    the lead paragraph names; else the place named most often.  A place
    named in a large share of the paragraphs is a subject too (a report on a
    league that follows one of its banners throughout), and so is a banner
    of the subject league that opens a paragraph (在科尔沁右翼前旗，…): the
    report tells that banner's own work.  The subject is
    given at its most specific level: a league drops out when its banner is
    the subject, unless the title names the league itself.  A dateline's
    filing city is furniture, not text, so it is neither.
    """
    in_header, in_office = gazetteer.regions_in(header), gazetteer.regions_in(office)
    per_paragraph = [gazetteer.regions_in(text) for text in paragraphs]
    counts = Counter(name for names in per_paragraph for name in names)
    frequent = [name for name, n in counts.items() if paragraphs and n / len(paragraphs) >= SUBJECT_SHARE
                and len(paragraphs) >= 3]
    if in_header or in_office:
        named = in_header + in_office
        basis = "named in the title" if in_header else "named in the byline's office"
    elif per_paragraph and per_paragraph[0]:
        named, basis = per_paragraph[0], "named in the lead paragraph"
    elif counts:
        top = max(counts.values())
        named, basis = [n for n in counts if counts[n] == top], f"named most often ({top} paragraphs)"
    else:
        return [], [], "no place named"
    openers = [n for text in paragraphs[1:] for n in gazetteer.regions_in(OPENING_CLAUSE_RE.match(text).group(0))
               if gazetteer.regions[n].parent in named]
    extra = [n for n in dict.fromkeys(frequent + openers) if n not in named]
    if extra:
        basis += f"; also the scene of whole paragraphs (opening them, or in {SUBJECT_SHARE:.0%} or more of them): " \
                 + "、".join(extra)
    subject = most_specific(gazetteer, list(dict.fromkeys(named + extra)), keep=set(named))
    mentioned = [n for n in dict.fromkeys(in_header + in_office + list(counts)) if n not in subject]
    return subject, mentioned, basis


CONTENT_KINDS = ("paragraph", "caption")


UNKNOWN_YEAR = "不详"


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


def year_key(year: str) -> tuple[int, str]:
    return (1, year) if year == UNKNOWN_YEAR or not year else (0, year)


def report_year(report: Report) -> str:
    return year_of(report) or UNKNOWN_YEAR


def year_number(report: Report) -> int | None:
    """The report's year as a number, or None when its date gives none."""
    year = report_year(report)
    return int(year) if year.isdigit() else None


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


def paragraph_attribution(report: Report, gazetteer: Gazetteer,
                          home: str | None = None) -> dict[str, tuple[str | None, str]]:
    """Each item's one home region, and the basis it was chosen on (a key of :data:`BASIS_LABELS`).

    ``home`` is the report's own place when the caller knows it better than
    ``report.regions[0]`` (figures use the report's subject place: a banner's
    feature whose region list starts with the banner's city).

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
    home = home if home is not None else report.regions[0] if report.regions else None
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


TYPE_LABELS = {
    "league": "盟 League", "city": "地级市 Prefecture-level city", "banner": "旗 Banner",
    "autonomous_banner": "自治旗 Autonomous banner", "county": "县 County",
    "county_city": "县级市 County-level city", "district": "区 District",
    "management_area": "管理区 Management area",
}
