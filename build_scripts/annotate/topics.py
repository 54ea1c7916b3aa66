"""Topics: transparent rules over paragraphs, and each topic's passages placed by region and year.

``data/topics.yml`` defines each topic by named rules (terms that must occur,
or a regular expression); a paragraph or photo caption belongs to every topic
one of whose rules matches, and the first matching rule is shown as the
reason.  Each matching item is a *passage*, placed in one region (see
:func:`regions.paragraph_attribution`): the first region named in its first
sentence, else its section heading's region, else its report's (byline)
region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from build_scripts.annotate.places import (
    CONTENT_KINDS,
    Gazetteer,
    paragraph_attribution,
    year_number,
)
from build_scripts.annotate.segmenter import standalone_words, standing_matches
from build_scripts.errors import DataFileError
from build_scripts.model import Report
from build_scripts.site.urls import REPORTS_DIR
from build_scripts.text.ingest import DATA_DIR, load_schema, read_yaml, validate

TOPICS_FILE = DATA_DIR / "topics.yml"


# --- the data file --------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """One named rule: ``any`` terms or a ``pattern``, with optional ``all`` and ``none`` terms."""

    name: str
    any: tuple[str, ...] = ()
    pattern: re.Pattern | None = None
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()

    def search(self, text: str, segmenter=None) -> tuple[int, int] | None:
        """The span of the first match in ``text`` that is not inside another word, or None.

        >>> Rule("x", any=("集体经济", "空壳村")).search("消灭空壳村，壮大集体经济")
        (2, 5)
        >>> Rule("x", any=("集体经济",), none=("空壳村",)).search("消灭空壳村，壮大集体经济") is None
        True
        """
        if any(term not in text for term in self.all) or any(term in text for term in self.none):
            return None
        segmenter = segmenter or standalone_words().segmenter  # the run's, or outside a run the standalone one
        found = next(standing_matches(self.matcher, text, segmenter), None)
        return found.span() if found else None

    @cached_property
    def matcher(self) -> re.Pattern:
        """The ``pattern``, or the ``any`` terms longest first: a regex takes the leftmost match, and there the longest."""
        if self.pattern is not None:
            return self.pattern
        if not self.any:
            return re.compile(r"(?!)")
        return re.compile("|".join(re.escape(term) for term in sorted(self.any, key=lambda t: (-len(t), t))))

    def as_dict(self) -> dict:
        out: dict = {"name": self.name}
        if self.any:
            out["any"] = list(self.any)
        if self.pattern is not None:
            out["pattern"] = self.pattern.pattern
        if self.all:
            out["all"] = list(self.all)
        if self.none:
            out["none"] = list(self.none)
        return out

    def describe(self) -> str:
        """What the rule looks for, in words (plain text)."""
        parts = ["any of " + "、".join(self.any) if self.any else f"the pattern {self.pattern.pattern}"]
        if self.all:
            parts.append("with all of " + "、".join(self.all))
        if self.none:
            parts.append("without " + "、".join(self.none))
        return ", ".join(parts)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    title_en: str
    introduction: str
    rules: tuple[Rule, ...]
    short: str = ""
    #: the run's tokenizer (:class:`build_scripts.annotate.segmenter.Words`); None outside a run
    words: Any = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        return self.short or self.title

    @cached_property
    def screen(self) -> re.Pattern:
        """Every ``any`` term of the topic's rules: text with none of them can match only its pattern rules."""
        terms = sorted({term for rule in self.rules for term in rule.any}, key=lambda t: (-len(t), t))
        return re.compile("|".join(map(re.escape, terms)) or r"(?!)")


def load_topics(path: Path = TOPICS_FILE, words=None, data: dict | None = None) -> list[Topic]:
    """Read and check ``topics.yml``; every problem names the file and the key, with the fix.

    ``words`` is the run's tokenizer, ``data`` the file as the run read it.
    """
    path = Path(path)
    data = read_yaml(path, DataFileError) if data is None else data
    try:
        validate(data, load_schema("topics.schema.json"), path, DataFileError)
    except DataFileError as error:
        if "is a required property" not in error.problem:
            raise
        raise DataFileError(path, error.problem, "add the missing key: a topic needs id, title, title_en, "
                            "introduction and rules; a rule needs a name", where=error.where) from None
    topics, seen = [], {}
    for n, entry in enumerate(data["topics"]):
        if entry["id"] in seen:
            raise DataFileError(path, f"the id '{entry['id']}' is already used by topic {seen[entry['id']]}",
                                "give each topic its own id", where=f"key 'topics.{n}.id'")
        seen[entry["id"]] = n
        rules, names = [], set()
        for m, rule in enumerate(entry["rules"]):
            where = f"key 'topics.{n}.rules.{m}"
            if rule["name"] in names:
                raise DataFileError(path, f"the rule name '{rule['name']}' is used twice in topic '{entry['id']}'",
                                    "give each rule of a topic its own name", where=where + ".name'")
            names.add(rule["name"])
            pattern = None
            if "pattern" in rule:
                try:
                    pattern = re.compile(rule["pattern"])
                except re.error as exc:
                    raise DataFileError(path, f"the pattern {rule['pattern']!r} is not a valid regular expression "
                                              f"({exc.msg} at position {exc.pos})",
                                        "correct the regular expression (escape ( ) [ ] . * + ? with a backslash "
                                        "to match them literally), or use 'any' with plain terms",
                                        where=where + ".pattern'") from exc
                if pattern.search("") is not None:
                    raise DataFileError(path, f"the pattern {rule['pattern']!r} matches an empty string, "
                                              "so it would match every paragraph",
                                        "make the pattern require at least one character", where=where + ".pattern'")
            rules.append(Rule(rule["name"], tuple(rule.get("any", ())), pattern, tuple(rule.get("all", ())),
                              tuple(rule.get("none", ()))))
        topics.append(Topic(entry["id"], entry["title"], entry["title_en"], " ".join(entry["introduction"].split()),
                            tuple(rules), entry.get("short", ""), words))
    return topics


# --- matching -----------------------------------------------------------------------------------

def topic_matches(text: str, topics: list[Topic]) -> list[tuple[Topic, Rule, tuple[int, int]]]:
    """Each topic that ``text`` belongs to, with the first rule that matched and where."""
    out = []
    for topic in topics:
        screened = topic.screen.search(text) is not None
        for rule in topic.rules:
            if rule.pattern is None and not screened:
                continue
            span = rule.search(text, topic.words.segmenter if topic.words is not None else None)
            if span is not None:
                out.append((topic, rule, span))
                break
    return out


def match_topics(text: str, topics: list[Topic]) -> list[tuple[str, str]]:
    """``(topic id, rule name)`` for each topic ``text`` belongs to, in topic order."""
    return [(topic.id, rule.name) for topic, rule, _ in topic_matches(text, topics)]


def topics_by_paragraph(reports: list[Report], topics: list[Topic],
                        passages: dict[str, list[Passage]] | None = None) -> dict[tuple[str, str], list[Topic]]:
    """``(report id, item id)`` → the topics of that paragraph or caption (only items with topics).

    Given the passages of :func:`topic_passages`, they are regrouped rather than matched again.
    """
    out: dict[tuple[str, str], list[Topic]] = {}
    if passages is not None:
        for topic in topics:
            for passage in passages[topic.id]:
                out.setdefault((passage.report_id, passage.paragraph_id), []).append(topic)
        return out
    for report in reports:
        for item in report.items:
            if item.kind in CONTENT_KINDS:
                found = [topic for topic, _, _ in topic_matches(item.text, topics)]
                if found:
                    out[(report.id, item.id)] = found
    return out


@dataclass(frozen=True)
class Passage:
    """One paragraph or caption matching a topic, placed in one region."""

    report_id: str
    paragraph_id: str
    url: str
    region: str | None
    year: int | None
    rule: str
    term: str = ""
    region_basis: str = ""
    span: tuple[int, int] = (0, 0)


def _passage_order(reports: list[Report]) -> dict[tuple[str, str], tuple]:
    """Sort key of every item: year (unknown last), date, report id, position in the report."""
    order = {}
    for report in reports:
        year = year_number(report)
        for n, item in enumerate(report.items):
            order[(report.id, item.id)] = (year is None, year or 0, report.date or "", report.id, n)
    return order


def topic_passages(reports: list[Report], topics: list[Topic], gazetteer: Gazetteer) -> dict[str, list[Passage]]:
    """Each topic's passages, ordered by year, date, report and paragraph; every topic has a (maybe empty) list."""
    out: dict[str, list[Passage]] = {topic.id: [] for topic in topics}
    for report in reports:
        homes = paragraph_attribution(report, gazetteer)
        for item in report.items:
            if item.kind not in CONTENT_KINDS:
                continue
            region, basis = homes[item.id]
            for topic, rule, (start, end) in topic_matches(item.text, topics):
                out[topic.id].append(Passage(report.id, item.id, f"{REPORTS_DIR}/{report.id}/#{item.id}", region,
                                             year_number(report), rule.name, item.text[start:end], basis, (start, end)))
    order = _passage_order(reports)
    for passages in out.values():
        passages.sort(key=lambda p: order[(p.report_id, p.paragraph_id)])
    return out
