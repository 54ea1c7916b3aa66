"""Glossary: the archive's program terms — defined, pronounced, found in the text and indexed.

The reports speak in numbered formulas (三会一课, 四议两公开), program names
(北疆先锋) and Mongolian-origin administrative words (嘎查, 苏木).  The
curated list lives in ``data/glossary.yml`` (schema ``glossary.schema.json``);
this module loads it, finds every term in the cleaned text (leftmost,
longest match, so 党员中心户 wins over 党员), discovers *candidate* terms by
rule so that a new report shows the editor what still needs defining, and
writes the glossary pages and data exports.

Everything is computed from the cleaned item texts (paragraphs, headings,
captions), so a term that the source split across a line break is found
once the lines are joined.  Output is deterministic: lists are sorted, no
set order leaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from pymdownx.slugs import slugify

from build_scripts.annotate.pinyin import generated_pinyin, strip_tones
from build_scripts.annotate.segmenter import standalone_words, standing_matches
from build_scripts.annotate.wording import normalise
from build_scripts.errors import DataFileError
from build_scripts.model import Report
from build_scripts.site.urls import REPORTS_DIR
from build_scripts.text.ingest import DATA_DIR, load_schema, read_yaml, validate

SLUGIFY = slugify(case="lower")
RESERVED_SLUGS = {"index", "candidates"}
CATEGORIES = {
    "numbered_formula": "数字概括 Numbered formulas",
    "program_or_campaign": "工程与活动 Programs and campaigns",
    "mechanism": "工作机制 Mechanisms",
    "institution": "组织机构 Institutions",
    "administrative_term": "行政称谓 Administrative terms",
    "mongolian_origin_word": "蒙古语借词 Mongolian-origin words",
}
KWIC_WIDTH = 12
NO_REGION = "不详 unknown"
NO_YEAR = "不详 unknown"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Entry:
    """One glossary term with everything a reader needs; ``slug`` names its page and anchor."""

    term: str
    aliases: tuple[str, ...]
    pinyin: str
    english: str
    definition: str
    expansion: str | None
    category: str
    related: tuple[str, ...]
    slug: str
    not_in: tuple[str, ...] = ()
    tip: str = ""
    ordinary: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its aliases: every spelling the scanner maps to this entry."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Exclusion:
    """A candidate the discovery rules find that an editor reviewed and decided is not a program term."""

    candidate: str
    reason: str


@dataclass
class Glossary:
    """The loaded glossary: entries in file order, reviewed exclusions, and the scanner's lookup tables."""

    entries: list[Entry]
    exclusions: list[Exclusion]
    path: Path | None = None
    #: the run's tokenizer (:class:`build_scripts.annotate.segmenter.Words`); None outside a run
    words: Any = field(default=None, repr=False, compare=False)

    def __getstate__(self):
        """Pickled (the run's cache keeps the loaded glossary) without the tokenizer, which the run re-attaches."""
        return {**self.__dict__, "words": None, "found": {}}

    @property
    def segmenter(self):
        return (self.words or standalone_words()).segmenter

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def by_term(self) -> dict[str, Entry]:
        return {e.term: e for e in self.entries}

    @cached_property
    def by_slug(self) -> dict[str, Entry]:
        return {e.slug: e for e in self.entries}

    @cached_property
    def forms(self) -> dict[str, Entry | None]:
        """Every matchable string: terms and aliases map to their entry, ``not_in`` blockers to None."""
        table: dict[str, Entry | None] = {}
        for entry in self.entries:
            for blocker in entry.not_in:
                table.setdefault(blocker, None)
        for entry in self.entries:
            for form in entry.forms:
                table[form] = entry
        return table

    @cached_property
    def lengths(self) -> list[int]:
        """Distinct form lengths, longest first: the scanner tries them in this order."""
        return sorted({len(f) for f in self.forms}, reverse=True)

    @cached_property
    def pattern(self) -> re.Pattern:
        """All forms, longest first: a regex takes the first alternative that matches, so the longest wins."""
        return re.compile("|".join(re.escape(f) for f in sorted(self.forms, key=lambda f: (-len(f), f))))

    @cached_property
    def found(self) -> dict[str, list[tuple[int, int, Entry]]]:
        """Matches by text, filled by :func:`find_terms`: pages, exports and region pages scan each paragraph once."""
        return {}

    @cached_property
    def known(self) -> set[str]:
        """Normalised terms, aliases and exclusions: candidates equal to one of these are not new."""
        return {normalise(f) for e in self.entries for f in e.forms} | {
            normalise(x.candidate) for x in self.exclusions}

    def sorted_entries(self) -> list[Entry]:
        """Entries in pinyin order (the index order)."""
        return sorted(self.entries, key=sort_key)


# --------------------------------------------------------------------------- pinyin


def sort_key(entry: Entry) -> tuple:
    """Pinyin order: by toneless syllables, then tones, then the characters (digits first).

    >>> e = lambda t, p: Entry(t, (), p, '', '', None, 'mechanism', (), t)
    >>> [x.term for x in sorted([e('旗', 'qí'), e('盟', 'méng'), e('1+3', '1+3')], key=sort_key)]
    ['1+3', '盟', '旗']
    """
    bare = re.sub(r"[^a-z0-9]", "", strip_tones(entry.pinyin))
    return (bare, entry.pinyin.lower(), entry.term)


def letter(entry: Entry) -> str:
    """The alphabet-bar letter of an entry: A–Z, or # for terms starting with a digit or symbol."""
    first = strip_tones(entry.pinyin).lstrip()[:1].upper()
    return first if "A" <= first <= "Z" else "#"


# --------------------------------------------------------------------------- loading


def load_glossary(path: Path = DATA_DIR / "glossary.yml", words=None, data: dict | None = None) -> Glossary:
    """Read and check the glossary; any problem stops the build with the file, the key and the fix.

    ``words`` is the run's tokenizer (pinyin spacing and word boundaries; code outside a run
    gets the standalone one), ``data`` the file as the run read it.
    """
    data = read_yaml(path, DataFileError) if data is None else data
    validate(data, load_schema("glossary.schema.json"), path, DataFileError)
    check_consistency(data, path)
    used_slugs = set(RESERVED_SLUGS)
    curated = {t["term"]: t["pinyin"] for t in data["terms"] if t.get("pinyin")}
    entries = [Entry(term=t["term"], aliases=tuple(t.get("aliases", [])),
                     pinyin=t.get("pinyin") or generated_pinyin(t["term"], curated, words.plain if words else None),
                     english=t["english"],
                     definition=t["definition"].strip(), expansion=t.get("expansion"),
                     category=t["category"], related=tuple(t.get("related", [])),
                     slug=unique_slug(t["term"], used_slugs), not_in=tuple(t.get("not_in", [])),
                     tip=" ".join(t["tip"].split()), ordinary=t.get("ordinary", False))
               for t in data["terms"]]
    exclusions = [Exclusion(x["candidate"], x["reason"]) for x in data.get("exclusions", [])]
    return Glossary(entries, exclusions, path, words)


def check_consistency(data: dict, path: Path) -> None:
    """What the schema cannot say: unique spellings, related terms that exist, sensible blockers.

    A spelling used twice would make the scanner's choice arbitrary; a
    ``related`` name that is not a term would be a dead link.
    """
    owner: dict[str, str] = {}
    for n, term in enumerate(data["terms"]):
        spellings = [("term", term["term"])] + [(f"aliases.{k}", a) for k, a in enumerate(term.get("aliases", []))]
        for key, form in spellings:
            if form in owner:
                raise DataFileError(path, f"the spelling {form!r} is already used by the term {owner[form]!r}",
                                    "give each spelling to one term only (merge the entries or drop the alias)",
                                    where=f"key 'terms.{n}.{key}'")
            owner[form] = term["term"]
    terms = {t["term"] for t in data["terms"]}
    for n, term in enumerate(data["terms"]):
        for k, name in enumerate(term.get("related", [])):
            if name not in terms:
                raise DataFileError(path, f"related term {name!r} is not a term of the glossary",
                                    "name an existing term exactly as in its 'term' key, or add that term",
                                    where=f"key 'terms.{n}.related.{k}'")
            if name == term["term"]:
                raise DataFileError(path, "a term lists itself as related", "remove it from 'related'",
                                    where=f"key 'terms.{n}.related.{k}'")
        for k, blocker in enumerate(term.get("not_in", [])):
            if term["term"] not in blocker or blocker in owner:
                raise DataFileError(path, f"{blocker!r} must contain the term and must not itself be a term or alias",
                                    "list only longer words in which the term's characters do not mean the term",
                                    where=f"key 'terms.{n}.not_in.{k}'")
    seen: set[str] = set()
    for n, exclusion in enumerate(data.get("exclusions", [])):
        candidate = normalise(exclusion["candidate"])
        if candidate in seen:
            raise DataFileError(path, f"the exclusion {candidate!r} is listed twice", "keep one of them",
                                where=f"key 'exclusions.{n}.candidate'")
        seen.add(candidate)
        if candidate in {normalise(f) for f in owner}:
            raise DataFileError(path, f"{candidate!r} is both a term (or alias) and an exclusion",
                                "remove the exclusion or the term", where=f"key 'exclusions.{n}.candidate'")


def unique_slug(term: str, used: set[str]) -> str:
    """The page name and anchor of a term: MkDocs' own slug of the term, made unique.

    >>> unique_slug('党员中心户', set()), unique_slug('1+3', set()), unique_slug('“”', set())
    ('党员中心户', '13', 'term')
    """
    slug = SLUGIFY(normalise(term), "-") or "term"
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


# --------------------------------------------------------------------------- matching


def find_terms(text: str, glossary: Glossary) -> list[tuple[int, int, Entry]]:
    """Every glossary term in ``text`` as (start, end, entry): leftmost, longest, non-overlapping.

    At each position the longest spelling wins, so 党员中心户 is one match
    and not 党员 + 中心户; an alias maps to its entry.  A ``not_in`` blocker
    (党旗 for 旗) is consumed like a term but yields no match, and a form
    found inside another word (蒙古包 in 内蒙古包头市, 组织部 in 组织部分) is no
    match either (:mod:`build_scripts.annotate.segmenter`).

    >>> g = Glossary([Entry('党员中心户', (), '', '', '', None, 'mechanism', (), 'a'),
    ...               Entry('两学一做', ('“两学一做”学习教育',), '', '', '', None, 'numbered_formula', (), 'b')], [])
    >>> [(s, e, x.term) for s, e, x in find_terms('党员中心户参加“两学一做”学习教育', g)]
    [(0, 5, '党员中心户'), (7, 17, '两学一做')]
    """
    found = glossary.found.get(text)
    if found is None:
        forms = glossary.forms
        found = glossary.found[text] = [(m.start(), m.end(), forms[m.group(0)])
                                        for m in standing_matches(glossary.pattern, text, glossary.segmenter)
                                        if forms[m.group(0)] is not None]
    return found


# --------------------------------------------------------------------------- candidates


# --------------------------------------------------------------------------- occurrences


class Kwic(NamedTuple):
    """A keyword in context: up to :data:`KWIC_WIDTH` characters either side of the match."""

    left: str
    match: str
    right: str

    def __str__(self) -> str:
        return f"{self.left}【{self.match}】{self.right}"


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a term: where (report, paragraph, permalink), whose region, which year, in context."""

    report_id: str
    paragraph_id: str
    url: str
    region: str | None
    year: str | None
    kwic: Kwic


def kwic(text: str, start: int, end: int, width: int = KWIC_WIDTH) -> Kwic:
    """The match with ``width`` characters each side, an ellipsis where the text goes on.

    >>> str(kwic('一二三四五六七八九十党员中心户ABC', 10, 15, width=3))
    '…八九十【党员中心户】ABC'
    """
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return Kwic(("…" if start > width else "") + left, text[start:end],
                right + ("…" if end + width < len(text) else ""))


def report_year(report: Report) -> str | None:
    return report.date[:4] if report.date else None


def occurrences(reports: list[Report], glossary: Glossary) -> dict[str, list[Occurrence]]:
    """Every occurrence of every term, keyed by term in pinyin order (terms without any get [])."""
    result: dict[str, list[Occurrence]] = {e.term: [] for e in glossary.sorted_entries()}
    for report in reports:
        region = report.regions[0] if report.regions else None
        for item in report.items:
            for start, end, entry in find_terms(item.text, glossary):
                result[entry.term].append(Occurrence(
                    report.id, item.id, f"{REPORTS_DIR}/{report.id}/#{item.id}", region, report_year(report),
                    kwic(item.text, start, end)))
    return result


# --------------------------------------------------------------------------- marking terms in report text


def first_occurrences(text: str, glossary: Glossary) -> list[tuple[int, int, Entry]]:
    """The first match of each term in a paragraph: what a report page marks (one link per term and paragraph)."""
    seen: set[str] = set()
    first = []
    for start, end, entry in find_terms(text, glossary):
        if entry.term not in seen:
            seen.add(entry.term)
            first.append((start, end, entry))
    return first


# --------------------------------------------------------------------------- pages


# --------------------------------------------------------------------------- exports


