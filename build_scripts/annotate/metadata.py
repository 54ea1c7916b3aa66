"""Annotate: facts about a report derived by rule — regions, date, document type, authors.

Editorial facts no rule can know come from the seed's sidecar and always win;
the page says which facts came from where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from build_scripts.errors import DataFileError
from build_scripts.text.ingest import DATA_DIR, load_schema, read_yaml, validate

YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[ \u3000]?年")
STATED_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


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
    so ``东乌珠穆沁旗`` is one mention and ``鄂托克前旗`` is not read as ``克旗``.
    """

    def __init__(self, path: Path = DATA_DIR / "gazetteer.yml"):
        data = read_yaml(path, DataFileError)
        validate(data, load_schema("gazetteer.schema.json"), path, DataFileError)
        self.regions = {r["name"]: Region(**{**r, "short_forms": tuple(r["short_forms"])})
                        for r in data["regions"]}
        self.path = path

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
                                            for m in self._pattern.finditer(text)]
        return found

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


def report_regions(gazetteer: Gazetteer, office_text: str, body: str) -> list[str]:
    """Regions of a report: the author's office first, then leagues, then lower units.

    Every county-level place brings its league or city with it, so a report
    about 乌审旗 is also found under 鄂尔多斯市.
    """
    named = gazetteer.regions_in(office_text) + gazetteer.regions_in(body)
    leagues, lower = [], []
    for name in named:
        league = gazetteer.league_of(name)
        if league not in leagues:
            leagues.append(league)
        if league != name and name not in lower:
            lower.append(name)
    return leagues + lower


def infer_date(stated: str | None, stated_source: str | None, texts: list[str]) -> tuple[str | None, str]:
    """A date in EDTF and its basis: a stated date wins; else the latest year mentioned, uncertain.

    Reports on a year's work are published early in the following year or
    late in the same year, and they talk about plans for the year they are
    written in, so the latest year mentioned anywhere in the seed (pieces
    printed together share a date) is the best rule-based guess.
    It is marked uncertain (``2017?``) and the evidence is given.
    """
    if stated:
        y, m, d = STATED_DATE_RE.match(stated).groups()
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}", f"stated: {stated_source}"
    years = sorted({int(y) for text in texts for y in YEAR_RE.findall(text)})
    if not years:
        return None, "no date stated and no year mentioned in the text"
    listed = ", ".join(map(str, years))
    return f"{years[-1]}?", f"inferred: latest year mentioned in the seed is {years[-1]} (years mentioned: {listed})"


EDITORIAL_RULES = {
    "sidecar_title": "Replaced the title found in the seed by the sidecar's title; the seed's title is kept here.",
    "sidecar_subtitle": "Replaced the subtitle found in the seed by the sidecar's subtitle; the seed's is kept here.",
}

DOC_TYPES = {
    "bulletin": "work bulletin (工作简报) with a distribution list",
    "duty_report": "an official's report on duties performed (述职报告), with office and name in the byline",
    "newspaper_feature": "newspaper or magazine feature (通讯/纪实) with photo captions or credits",
    "article": "article",
}


def infer_doc_type(furniture_kinds: set[str], has_office_byline: bool, has_captions: bool) -> tuple[str, str]:
    """Document type from the furniture a report carries, with the evidence."""
    if "distribution" in furniture_kinds:
        return "bulletin", "has a distribution list (报：/发：)"
    if has_office_byline:
        return "duty_report", "byline names an office holder"
    if furniture_kinds & {"credit", "author_line"} or has_captions:
        return "newspaper_feature", "has photo captions, a credit line or an author line"
    return "article", "no distinguishing furniture"
