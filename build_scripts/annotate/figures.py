"""Figures: the quantities the reports state (1399户党员中心户, 覆盖率52.7%), as data.

Every run of Arabic digits in a report's cleaned text is either a *figure* or
an *exclusion* with a named reason (a year, a date, a cohort such as 80后, a
formula such as “1+3”, an ordinal, an anniversary, a section number, part
of a Latin-letter name).  Nothing is dropped silently: the report page lists
both, and a test checks that the two together cover every digit run.

A figure is read by one pattern over the text — qualifier before
(近, 超过, 平均 …), number or range, multiplier (万, 亿), qualifier (多, 余),
unit (元, 个, 名, 平方米, % …), qualifier after (以上, 左右 …) — and
normalised to its base unit (15.6亿元 → 1,560,000,000 元; 1.9万多名 → 19,000
名, qualifier 多).  Its *subject*, the thing counted, is the run of nouns right
after it (78名副处级后备干部) or, failing that, right before it (网格2093个),
found with jieba's part-of-speech tagger on that clause only.  Numbers written
in Chinese numerals (三会一课, 一名党员) are not read: in these reports they
name formulas and programmes far more often than they count.

The lists the pattern is made of live in ``data/figures.yml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from build_scripts.annotate.places import Gazetteer, paragraph_attribution, year_number
from build_scripts.errors import DataFileError
from build_scripts.model import Item, Report
from build_scripts.text.ingest import DATA_DIR, load_schema, read_yaml, validate

FIGURES_FILE = DATA_DIR / "figures.yml"
DIGITS_RE = re.compile(r"\d+(?:\.\d+)?")
CLAUSE_END = "，。；：！？,;:!?（）()、…"
NOUN_FLAGS = ("n", "vn", "an", "b", "j", "nz", "nt", "ns", "nr", "ng", "g", "t", "zg")


@dataclass(frozen=True)
class Vocabulary:
    """The data file's lists, compiled into one figure pattern."""

    units: dict[str, tuple[str, int]]
    multipliers: dict[str, int]
    pattern: re.Pattern
    before_re: re.Pattern
    list_joiners: tuple[str, ...]
    links: frozenset[str]
    places: frozenset[str]
    comparison_re: re.Pattern
    nouns: frozenset[str]
    not_nouns: frozenset[str]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=4)
def _figures_data(path=FIGURES_FILE) -> dict:
    """``figures.yml``, read and checked once; a problem names the file and key with the fix."""
    data = read_yaml(path, DataFileError)
    validate(data, load_schema("figures.schema.json"), path, DataFileError)
    return data


@functools.lru_cache(maxsize=4)
def load_vocabulary(path=FIGURES_FILE) -> Vocabulary:
    """The data file's lists compiled (see :class:`Vocabulary`)."""
    data = _figures_data(path)
    units = {u["written"]: (u["base"], u.get("factor", 1)) for u in data["units"]}
    number = DIGITS_RE.pattern
    pattern = re.compile(
        rf"(?P<num>{number})(?:(?P<join>{_alternation(data['range_joiners'])})(?P<num2>{number}))?"
        rf"(?P<mult>{_alternation(data['multipliers'])})?(?P<q1>多|余)?(?P<unit>{_alternation(units)})?"
        rf"(?P<q2>{_alternation(data['qualifiers_after'])})?")
    before_re = re.compile(rf"(?:{_alternation(data['qualifiers_before'])})$")
    comparison_re = re.compile(rf"(?:较|比)[^，。；]{{0,4}}?(?:{_alternation(data['changes'])})了?$")
    return Vocabulary(units, data["multipliers"], pattern, before_re, tuple(data["list_joiners"]),
                      frozenset(data["links"]), frozenset(data["places"]), comparison_re,
                      frozenset(data["nouns"]), frozenset(data["not_nouns"]))


# --- what is not a figure ------------------------------------------------------------------------

EXCLUSIONS = {
    "year": "a year (2016年, 2016—2018年)",
    "date": "a month or day (7月1日)",
    "cohort": "a generation label (80后)",
    "formula": "part of a formula or quoted name (“1+3”, “456”工作法, “光荣在党50年”)",
    "ordinal": "an ordinal or rank (第18位)",
    "anniversary": "an anniversary (100周年)",
    "section_number": "a section number at the start of a paragraph (1、)",
    "name": "part of a name written with Latin letters (5G)",
}
YEAR_AFTER_RE = re.compile(r"(?:年|(?:—|–|－|-|~|～|至|到)(?:19|20)\d\d年)")
QUOTED_RE = re.compile(r"[“\"‘《][^“”\"‘’《》]{0,14}[”\"’》]")


def exclusion(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str | None:
    """Why the digit run ``text[start:end]`` is not a figure, or None when it is one.

    >>> exclusion("2016年以来", 0, 4, [])
    'year'
    >>> exclusion("网格2093个", 2, 6, [])
    >>> exclusion("落实“1+3”制度", 3, 4, [(2, 7)])
    'formula'
    """
    run, before, after = text[start:end], text[start - 1:start] if start else "", text[end:end + 1]
    if re.fullmatch(r"(?:19|20)\d\d", run) and YEAR_AFTER_RE.match(text, end):
        return "year"
    if len(run) <= 2 and "." not in run and (after == "日" or (after == "月" and before != "个")):
        return "date"
    if len(run) == 2 and after == "后" and not before.isdigit():
        return "cohort"
    if before in ("+", "＋") or after in ("+", "＋") or any(a < start and end < b for a, b in quoted):
        return "formula"
    if before == "第":
        return "ordinal"
    if text.startswith("周年", end):
        return "anniversary"
    if start == 0 and after in ("、", ".", "．", ")", "）"):
        return "section_number"
    if (before and before.isascii() and before.isalpha()) or (after and after.isascii() and after.isalpha()):
        return "name"
    return None


# --- the figures -----------------------------------------------------------------------------------

@dataclass
class Figure:
    """One quantity as written and normalised, with what it counts and where it stands."""

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
    region_basis: str | None = None
    year: int | None = None
    year_basis: str | None = None
    comparison: str | None = None
    clause: str = ""
    position: int = 0
    indicator: str | None = None

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


def _scaled(number: str, factor: int) -> float | int:
    """``number × factor`` without binary noise: 15.6 × 10⁸ is 1,560,000,000, not 1,559,999,999.9998."""
    whole, _, fraction = number.partition(".")
    scaled = int(whole + fraction) * factor
    divisor = 10 ** len(fraction)
    return scaled // divisor if scaled % divisor == 0 else scaled / divisor


@functools.lru_cache(maxsize=1)
def _tagger():
    """A jieba part-of-speech tagger of its own that knows the archive's words as nouns.

    Place names, glossary terms and the data file's nouns are added, so
    嘎查村 or 党员中心户 stay whole; loaded once, lazily.
    """
    import jieba
    import jieba.posseg

    from build_scripts.annotate.glossary import load_glossary

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    words = set(load_vocabulary().nouns) | {f for e in load_glossary() for f in e.forms if len(f) > 1}
    words |= {form for form in Gazetteer()._forms if len(form) > 1}
    for word in sorted(words):
        tokenizer.add_word(word, 100000, "n")
    return jieba.posseg.POSTokenizer(tokenizer)


ATOM_RE = re.compile(r"“[^“”]{1,12}”|（[^（）]{1,8}）|《[^《》]{1,30}》")


def tokens(text: str) -> list[tuple[str, str]]:
    """Words with part-of-speech flags; a quoted name, a bracket or a title in 《》 is one noun (“两委”, （社区））."""
    out, position = [], 0
    for atom in ATOM_RE.finditer(text):
        out += [(t.word, t.flag) for t in _tagger().cut(text[position:atom.start()])]
        out.append((atom.group(), "nq"))
        position = atom.end()
    return out + [(t.word, t.flag) for t in _tagger().cut(text[position:])]


def _is_noun(word: str, flag: str, vocabulary: Vocabulary) -> bool:
    if word in vocabulary.not_nouns:
        return False
    return word in vocabulary.nouns or flag.startswith(NOUN_FLAGS)


def _is_modifier(word: str, flag: str) -> bool:
    """A word that may stand inside a noun phrase before a noun: an adjective (优秀, 先进), a classifier
    (自治区级), a Chinese-numeral word (一类村, 三级党群服务中心)."""
    return flag in ("a", "q") or (flag == "m" and not any(ch.isdigit() for ch in word))


PASSIVE_RE = re.compile(r"^被[^，。；、]{1,6}")
PER_UNIT_RE = re.compile(r"每[个名面户村位]?[\u4e00-\u9fff]{1,4}$")


def subject_after(tail: str, vocabulary: Vocabulary) -> str | None:
    """The noun phrase starting right after a figure (``副处级后备干部`` in 78名副处级后备干部、…).

    When a clause stands between (``27个设立机关党委的市直机关单位``), the
    nouns after its 的 are the subject; a passive (``4人被免职``) is its own subject.
    """
    passive = PASSIVE_RE.match(tail)
    if passive:
        return passive.group()
    words = tokens(tail[1:] if tail.startswith("的") else tail)
    run = _leading_nouns(words, vocabulary)
    if not run and "的" in (w for w, _ in words[:8]):
        after = [w for w, _ in words].index("的") + 1
        run = _leading_nouns(words[after:], vocabulary)
    return "".join(run) or None


def _leading_nouns(words: list[tuple[str, str]], vocabulary: Vocabulary) -> list[str]:
    """Nouns and the modifiers between them, from the start; a phrase ends on a noun."""
    run, end = [], 0
    for word, flag in words:
        if _is_noun(word, flag, vocabulary):
            run.append(word)
            end = len(run)
        elif _is_modifier(word, flag):
            run.append(word)
        else:
            break
    return run[:end]


def subject_before(head: str, vocabulary: Vocabulary, places: frozenset[str] = frozenset()) -> str | None:
    """The noun phrase ending right before a figure, across link words (网格 in 共划分网格2093个).

    Only the data file's link words (达到, 分别, 共 …) may stand between;
    的 and 和 join nouns (有集体经济收入的嘎查村, 非公企业和社会组织党组织覆盖率).
    A rate per unit (每个社区19万元) and a place that only says whose
    standard it is (达到了自治区300平方米的要求) are stepped over.
    """
    per_unit = PER_UNIT_RE.search(head)
    words = tokens(head[:per_unit.start()] if per_unit else head)
    tokens_before = list(words)
    while True:
        while words and words[-1][0] in vocabulary.links:
            words.pop()
        if words and words[-1][0] in places:
            words.pop()
            continue
        break
    run: list[str] = []
    while words:
        word, flag = words[-1]
        if _is_noun(word, flag, vocabulary) or (run and _is_modifier(word, flag)):
            run.insert(0, word)
        elif word in ("的", "和", "及", "与") and run and len(words) > 1 and _is_noun(*words[-2], vocabulary):
            run.insert(0, word)
        elif word in ("有", "没有") and "的" in run:
            run.insert(0, word)
            break
        elif not run and len(word) == 1 and len(words) > 1 and _is_noun(*words[-2], vocabulary):
            run.insert(0, word)  # a one-character head jieba calls a verb: 党建指导站
        else:
            break
        words.pop()
    flags = dict(tokens_before)
    while len(run) > 1 and flags.get(run[0]) == "vn" and run[0] not in vocabulary.nouns:
        run.pop(0)  # a verb jieba tags as a noun, ahead of its object: 培育(自治区级示范嘎查村)
    return "".join(run) or None


def _bounds(text: str, start: int, end: int, marks: str) -> tuple[int, int]:
    """The span around ``text[start:end]`` up to the nearest of ``marks`` on either side."""
    left = max((text.rfind(ch, 0, start) for ch in marks), default=-1) + 1
    rights = [i for i in (text.find(ch, end) for ch in marks) if i != -1]
    return left, min(rights, default=len(text))


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return _bounds(text, start, end, CLAUSE_END)


def _spread_pair(figures: list[Figure], text: str) -> None:
    """``A和B…分别达到X和Y``: X counts A…, Y counts B… (非公企业党组织覆盖率, 社会组织党组织覆盖率)."""
    for first, second in zip(figures, figures[1:]):
        subject = first.subject
        if (first.subject_basis != "before" or subject != second.subject
                or text[first.end:second.start] not in ("和", "、") or "和" not in (subject or "")):
            continue
        left, right = subject.split("和", 1)
        right_words = [w for w, _ in tokens(right)]
        first.subject = left + "".join(right_words[1:]) if len(right_words) > 1 else left
        second.subject = right
        first.subject_basis = second.subject_basis = "pair"


def _runs(figures: list[Figure], text: str, vocabulary: Vocabulary) -> list[list[Figure]]:
    """Figures in lists (60%和55%, 33和26个百分点): consecutive figures with only a joiner between."""
    runs: list[list[Figure]] = []
    for figure in figures:
        if runs and text[runs[-1][-1].end:figure.start] in vocabulary.list_joiners:
            runs[-1].append(figure)
        else:
            runs.append([figure])
    return runs


def _share_units(run: list[Figure], vocabulary: Vocabulary) -> None:
    """``33和26个百分点``: a bare number in a list takes the unit of the list's last figure."""
    last = run[-1]
    for figure in run[:-1]:
        if figure.unit_written is None and last.unit_written:
            figure.value = _scaled(figure.text, factor_of(last.unit_written, vocabulary))
            figure.unit, figure.unit_written = last.unit, last.unit_written


def _share_subject(run: list[Figure]) -> None:
    """``覆盖率为52.7%和49.9%``: a later figure in a list with no subject of its own shares the first's."""
    for figure in run[1:]:
        if figure.subject is None and run[0].subject_basis == "before":
            figure.subject, figure.subject_basis = run[0].subject, "before"


def _inherit(runs: list[list[Figure]]) -> None:
    """A change with no subject of its own (较上届降低3岁) counts what the figure before it counted.

    Lists map pairwise: 覆盖率分别达到75%和65%，较上年提高33和26个百分点.
    """
    for before, run in zip(runs, runs[1:]):
        if run[0].comparison and all(f.subject is None for f in run):
            sources = before if len(before) == len(run) else [before[-1]] * len(run)
            for figure, source in zip(run, sources):
                figure.subject, figure.subject_basis = source.subject, "change of the figure before"
                figure.comparison = run[0].comparison


def factor_of(unit_written: str | None, vocabulary: Vocabulary) -> int:
    """The factor to the base unit of a unit as written with its multiplier (万名 → 10,000; 亿元 → 10⁸)."""
    if not unit_written:
        return 1
    if unit_written in vocabulary.units:
        return vocabulary.units[unit_written][1]
    return vocabulary.multipliers.get(unit_written[0], 1) * vocabulary.units.get(unit_written[1:], (None, 1))[1]


def item_figures(report_id: str, item: Item, vocabulary: Vocabulary | None = None) -> ReportFigures:
    """The figures and excluded digit runs of one paragraph, heading or caption, in text order."""
    vocabulary = vocabulary or load_vocabulary()
    text, out = item.text, ReportFigures()
    quoted = [m.span() for m in QUOTED_RE.finditer(text)]
    position = previous_end = 0
    while (digits := DIGITS_RE.search(text, position)) is not None:
        start = digits.start()
        reason = exclusion(text, start, digits.end(), quoted)
        if reason is not None:
            out.excluded.append(Excluded(report_id, item.id, digits.group(), reason, start))
            position = digits.end()
            continue
        out.figures.append(_figure(report_id, item, start, previous_end, vocabulary))
        position = previous_end = out.figures[-1].end
    runs = _runs(out.figures, text, vocabulary)
    for run in runs:
        for position, figure in enumerate(run):
            figure.position = position
        _share_units(run, vocabulary)
        _share_subject(run)
    _spread_pair(out.figures, text)
    _inherit(runs)
    return out


def _figure(report_id: str, item: Item, start: int, previous_end: int, vocabulary: Vocabulary) -> Figure:
    """The figure whose number starts at ``start``; its subject is looked for no further back than the figure before."""
    text = item.text
    found = vocabulary.pattern.match(text, start)
    clause_start, clause_end = _clause_bounds(text, start, found.end())
    head = text[max(clause_start, previous_end):start]
    before = vocabulary.before_re.search(head)
    qualifiers = [before.group()] if before else []
    head = head[:before.start()] if before else head
    comparison = vocabulary.comparison_re.search(head)
    head = head[:comparison.start()] if comparison else head
    qualifiers += [found.group(k) for k in ("q1", "q2") if found.group(k)]
    unit_written = (found.group("mult") or "") + (found.group("unit") or "") or None
    factor = factor_of(unit_written, vocabulary)
    figure = Figure(
        report_id, item.id, text[start:found.end()], _scaled(found.group("num"), factor),
        vocabulary.units[found.group("unit")][0] if found.group("unit") else None, unit_written,
        "、".join(qualifiers) or None, None, None, start, found.end(),
        value_to=_scaled(found.group("num2"), factor) if found.group("num2") else None,
        comparison=comparison.group() if comparison else None, clause=text[clause_start:clause_end])
    figure.subject = subject_after(text[found.end():clause_end], vocabulary)
    figure.subject_basis = "after" if figure.subject else None
    if figure.subject is None:
        figure.subject = subject_before(head, vocabulary, vocabulary.places)
        figure.subject_basis = "before" if figure.subject else None
    return figure


# --- place, year and indicator -----------------------------------------------------------------------

SENTENCE_END = "。！？；!?;"
LEAD_YEAR_RE = re.compile(r"^\D{0,3}((?:19|20)\d\d)年(?!以来|来)")


def place_and_time(figure: Figure, item: Item, report: Report, home: tuple[str | None, str],
                   gazetteer: Gazetteer, left: int) -> None:
    """The region and year a figure belongs to, each with its basis.

    Region: the first place named in its sentence before it (苏尼特左旗…年纯收入达45万元), else the
    paragraph's home region (:func:`regions.paragraph_attribution`).  Year: a year opening its
    sentence or its paragraph (2016年，… / 以2016年为例), else the report's date — “2018年以来，累计…”
    is a running total up to the report.  ``left`` is where its sentence starts.
    """
    named = gazetteer.regions_in(item.text[left:figure.start])
    figure.region, figure.region_basis = (named[0], "named in its sentence") if named else (
        home[0], f"its paragraph's region ({home[1]})")
    clause_start, _ = _clause_bounds(item.text, figure.start, figure.end)
    for scope, basis in ((item.text[clause_start:], "opens its clause"), (item.text[left:], "opens its sentence"),
                         (item.text, "opens its paragraph")):
        lead = LEAD_YEAR_RE.match(scope)
        if lead:
            figure.year, figure.year_basis = int(lead.group(1)), f"{lead.group(1)}年 {basis}"
            return
    figure.year, figure.year_basis = year_number(report), f"the report's date ({report.date})"


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    label_en: str
    rules: tuple[dict, ...]

    def matches(self, figure: Figure, sentence: str, position: int) -> bool:
        for rule in self.rules:
            if (rule["unit"] != figure.unit or figure.comparison
                    or ("position" in rule and rule["position"] != position)):
                continue
            fields = {"subject": figure.subject or "", "clause": figure.clause, "sentence": sentence}
            if all(rule[key].search(fields[key]) for key in fields if key in rule) and not (
                    "not" in rule and rule["not"].search(figure.clause)):
                return True
        return False


@functools.lru_cache(maxsize=4)
def load_indicators(path=FIGURES_FILE) -> tuple[Indicator, ...]:
    """The indicators of ``figures.yml``, their patterns compiled; a bad pattern names its key."""
    data = _figures_data(path)
    out, seen = [], set()
    for n, entry in enumerate(data["indicators"]):
        if entry["id"] in seen:
            raise DataFileError(path, f"indicator id '{entry['id']}' is used twice", "give each indicator its own id",
                                where=f"key 'indicators.{n}.id'")
        seen.add(entry["id"])
        rules = []
        for r, rule in enumerate(entry["rules"]):
            compiled = dict(rule)
            for key in ("subject", "clause", "sentence", "not"):
                if key in rule:
                    try:
                        compiled[key] = re.compile(rule[key])
                    except re.error as error:
                        raise DataFileError(path, f"'{rule[key]}' is not a regular expression ({error})",
                                            "fix the pattern (Python re syntax)",
                                            where=f"key 'indicators.{n}.rules.{r}.{key}'") from None
            rules.append(compiled)
        out.append(Indicator(entry["id"], entry["label"], entry["label_en"], tuple(rules)))
    return tuple(out)


def report_figures(report: Report, gazetteer: Gazetteer, attribution: dict[str, tuple[str | None, str]],
                   indicators: tuple[Indicator, ...] | None = None) -> ReportFigures:
    """Every figure and excluded digit run of a report, placed in region and year and matched to indicators."""
    indicators = load_indicators() if indicators is None else indicators
    vocabulary = load_vocabulary()
    out = ReportFigures()
    for item in report.items:
        found = item_figures(report.id, item, vocabulary)
        for figure in found.figures:
            left, right = _bounds(item.text, figure.start, figure.start, SENTENCE_END)
            place_and_time(figure, item, report, attribution[item.id], gazetteer, left)
            figure.indicator = next((i.id for i in indicators
                                     if i.matches(figure, item.text[left:right], figure.position)), None)
        out.figures += found.figures
        out.excluded += found.excluded
    return out


def figures_of(report: Report, gazetteer: Gazetteer) -> ReportFigures:
    """One report's figures (what the per-seed cache keeps)."""
    return report_figures(report, gazetteer, paragraph_attribution(report, gazetteer))
