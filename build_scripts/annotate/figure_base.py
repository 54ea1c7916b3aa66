"""What the figure modules share: the data file's vocabulary, the tagger, clause bounds and the records.

``data/figures.yml`` is read and checked (:func:`figures_data`) and compiled into
the patterns that read a figure (:class:`Vocabulary`), once per run by the run's
resources; the run's one tokenizer tags words, knowing the archive's place names,
glossary terms and nouns (:func:`tokens`).  :class:`Figure`
is one quantity with everything the pipeline learns about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from build_scripts.annotate.figure_numbers import CHINESE_RUN_RE
from build_scripts.annotate.places import Gazetteer
from build_scripts.errors import DataFileError
from build_scripts.text.ingest import DATA_DIR, load_schema, read_yaml, validate

FIGURES_FILE = DATA_DIR / "figures.yml"
DIGITS_RE = re.compile(r"\d+(?:\.\d+)?")
CLAUSE_END = "，。；：！？,;:!?（）()、…"
SENTENCE_END = "。！？；!?;"
COMMA_END = "，。；：！？,;:!?…"
NOUN_FLAGS = ("n", "vn", "an", "b", "j", "nz", "nt", "ns", "nr", "ng", "g", "t", "zg")


@dataclass(frozen=True)
class Vocabulary:
    """The data file's lists, compiled into the figure patterns."""

    units: dict[str, tuple[str, int]]
    unit_qualifiers: dict[str, str]
    multipliers: dict[str, int]
    pattern: re.Pattern
    chinese_pattern: re.Pattern
    before_re: re.Pattern
    list_joiners: tuple[str, ...]
    links: frozenset[str]
    places: frozenset[str]
    comparison_re: re.Pattern
    nouns: frozenset[str]
    not_nouns: frozenset[str]
    noun_modifiers: frozenset[str]
    verbs: frozenset[str]
    activity_units: frozenset[str]
    standard_words: frozenset[str]
    #: the data file as read (kinds, scopes, indicators)
    data: dict = field(repr=False, compare=False)
    #: the run's gazetteer and its one tokenizer (:class:`build_scripts.annotate.segmenter.Words`)
    gazetteer: Gazetteer = field(repr=False, compare=False)
    words: Any = field(repr=False, compare=False)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def figures_data(path=FIGURES_FILE) -> dict:
    """``figures.yml``, read and checked; a problem names the file and key with the fix."""
    data = read_yaml(path, DataFileError)
    validate(data, load_schema("figures.schema.json"), path, DataFileError)
    return data


def load_vocabulary(data: dict, gazetteer: Gazetteer, words) -> Vocabulary:
    """The data file's lists compiled (see :class:`Vocabulary`), with the run's gazetteer and tokenizer."""
    units = {u["written"]: (u["base"], u.get("factor", 1)) for u in data["units"]}
    unit_qualifiers = {u["written"]: u["qualifier"] for u in data["units"] if "qualifier" in u}
    number = DIGITS_RE.pattern
    tail = (rf"(?P<q1>多|余)?(?P<unit>{_alternation(units)})?"
            rf"(?P<q2>{_alternation(data['qualifiers_after'])})?")
    pattern = re.compile(
        rf"(?P<num>{number})(?:(?P<join>{_alternation(data['range_joiners'])})(?P<num2>{number}))?"
        rf"(?P<mult>{_alternation(data['multipliers'])})?" + tail)
    chinese_pattern = re.compile(
        rf"(?:百分之(?P<percent>{CHINESE_RUN_RE.pattern})|(?P<num>{CHINESE_RUN_RE.pattern})(?P<q1>多|余)?"
        rf"(?P<unit>{_alternation(units)})(?P<q2>{_alternation(data['qualifiers_after'])})?)")
    before_re = re.compile(rf"(?:{_alternation(data['qualifiers_before'])})$")
    comparison_re = re.compile(rf"(?:较|比)[^，。；]{{0,4}}?(?:{_alternation(data['changes'])})了?$")
    return Vocabulary(units, unit_qualifiers, data["multipliers"], pattern, chinese_pattern, before_re,
                      tuple(data["list_joiners"]), frozenset(data["links"]), frozenset(data["places"]),
                      comparison_re, frozenset(data["nouns"]), frozenset(data["not_nouns"]),
                      frozenset(data["noun_modifiers"]), frozenset(data["verbs"]),
                      frozenset(data["activity_units"]), frozenset(data["kinds"]["standard"]["after"]),
                      data, gazetteer, words)


# --- the figures -----------------------------------------------------------------------------------

@dataclass
class Figure:
    """One quantity as written and normalised, with what it counts, where, when and what kind it is."""

    report: str
    paragraph: str
    text: str
    value: float | int
    unit: str | None
    unit_written: str | None
    qualifier: str | None
    subject: str | None
    subject_basis: str | None
    start: int
    end: int
    value_to: float | int | None = None
    region: str | None = None
    regions: list[str] = field(default_factory=list)
    region_basis: str | None = None
    year: int | None = None
    year_from: int | None = None
    year_basis: str | None = None
    kind: str = "achievement"
    kind_basis: str | None = None
    comparison: str | None = None
    clause: str = ""
    position: int = 0
    indicator: str | None = None
    #: the place a 分别 list pairs with this figure (东乌旗和西乌旗分别…120个和95个), for figure_context
    paired_place: str | None = None

    @property
    def url(self) -> str:
        return f"reports/{self.report}/#{self.paragraph}"


@dataclass
class Excluded:
    """A digit run that is not a figure, and why."""

    report: str
    paragraph: str
    text: str
    reason: str
    start: int


@dataclass
class ReportFigures:
    figures: list[Figure] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)


def scaled(number: str, factor: int) -> float | int:
    """``number × factor`` without binary noise: 15.6 × 10⁸ is 1,560,000,000, not 1,559,999,999.9998."""
    whole, _, fraction = number.partition(".")
    scaled = int(whole + fraction) * factor
    divisor = 10 ** len(fraction)
    return scaled // divisor if scaled % divisor == 0 else scaled / divisor


_STANDALONE: list[Vocabulary] = []


def standalone_vocabulary() -> Vocabulary:
    """The vocabulary for code outside a pipeline run (tests, editor commands), built the first time it is
    asked for; a run builds its own in its resources and passes it down."""
    if not _STANDALONE:
        from build_scripts.annotate.segmenter import standalone_words

        words = standalone_words()
        _STANDALONE.append(load_vocabulary(figures_data(), Gazetteer(words=words), words))
    return _STANDALONE[0]


ATOM_RE = re.compile(r"“[^“”]{1,12}”|（[^（）]{1,8}）|《[^《》]{1,30}》")


def tokens(text: str, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """Words with part-of-speech flags; a quoted name, a bracket or a title in 《》 is one noun (“两委”, （社区））."""
    out, position = [], 0
    for atom in ATOM_RE.finditer(text):
        out += vocabulary.words.tags(text[position:atom.start()])
        out.append((atom.group(), "nq"))
        position = atom.end()
    return out + vocabulary.words.tags(text[position:])


def is_noun(word: str, flag: str, vocabulary: Vocabulary) -> bool:
    if word in vocabulary.not_nouns or word.startswith("每"):
        return False
    return word in vocabulary.nouns or flag.startswith(NOUN_FLAGS)


def is_modifier(word: str, flag: str) -> bool:
    """A word that may stand inside a noun phrase before a noun: an adjective (优秀, 先进), a classifier
    (自治区级), a fixed expression (正科级), a Chinese-numeral word (一类村, 三级党群服务中心)."""
    if word.startswith("每"):
        return False  # 每季度, 每年: a rate, never part of what is counted
    return flag in ("a", "q", "l") or (flag == "m" and not any(ch.isdigit() for ch in word))



def _bounds(text: str, start: int, end: int, marks: str) -> tuple[int, int]:
    """The span around ``text[start:end]`` up to the nearest of ``marks`` on either side."""
    left = max((text.rfind(ch, 0, start) for ch in marks), default=-1) + 1
    rights = [i for i in (text.find(ch, end) for ch in marks) if i != -1]
    return left, min(rights, default=len(text))


SHORT_BRACKET_RE = re.compile(r"（[^（）]{1,8}）|\([^()]{1,8}\)")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause up to any punctuation; a short bracket inside a noun (镇（街道）级) does not end it."""
    masked = SHORT_BRACKET_RE.sub(lambda m: "囗" * len(m.group()), text)
    return _bounds(masked, start, end, CLAUSE_END)


def comma_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause up to commas and stops, taking in lists joined by 、 (东乌旗、西乌旗共建立网格230个)."""
    return _bounds(text, start, end, COMMA_END)



def factor_of(unit_written: str | None, vocabulary: Vocabulary) -> int:
    """The factor to the base unit of a unit as written with its multiplier (万名 → 10,000; 亿元 → 10⁸)."""
    if not unit_written:
        return 1
    if unit_written in vocabulary.units:
        return vocabulary.units[unit_written][1]
    return vocabulary.multipliers.get(unit_written[0], 1) * vocabulary.units.get(unit_written[1:], (None, 1))[1]
