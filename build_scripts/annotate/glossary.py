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

import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from pymdownx.slugs import slugify

from build_scripts.errors import DataFileError
from build_scripts.export.records import csv_text
from build_scripts.model import Report
from build_scripts.site.markup import html_link, html_list, html_text, md_escape
from build_scripts.site.urls import REPORTS_DIR
from build_scripts.text.ingest import DATA_DIR, load_schema, read_yaml, validate

GLOSSARY_DIR = "glossary"
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
QUOTE_MARKS = "“”‘’「」『』\""
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


def normalise(text: str) -> str:
    """A candidate or form without quotation marks and surrounding space, for comparison.

    >>> normalise('“456”工作法')
    '456工作法'
    """
    return "".join(ch for ch in text if ch not in QUOTE_MARKS).strip()


# --------------------------------------------------------------------------- pinyin


@lru_cache(maxsize=1)
def word_splitter():
    """A private jieba tokenizer, so grouping syllables never changes the global one search uses."""
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR)
    return jieba.Tokenizer()


def syllables(text: str) -> list[str]:
    """Tone-marked syllables of Han characters; other runs (digits, Latin) are kept as written.

    >>> syllables('光荣在党50年')
    ['guāng', 'róng', 'zài', 'dǎng', '50', 'nián']
    """
    from pypinyin import Style, pinyin

    return [s[0] for s in pinyin(normalise(text), style=Style.TONE, errors="default", strict=False)]


def join_syllables(parts: list[str]) -> str:
    """Join the syllables of one word, with an apostrophe before a, o, e (standard pinyin spelling).

    >>> join_syllables(['dǎng', 'yuán'])
    'dǎngyuán'
    >>> join_syllables(['tiān', 'ān'])
    "tiān'ān"
    """
    word = parts[0] if parts else ""
    for part in parts[1:]:
        bare = strip_tones(part)[:1]
        word += ("'" if bare in ("a", "o", "e") and word[-1:].isalpha() else "") + part
    return word


def pinyin_words(term: str) -> list[str]:
    """Words for pinyin spacing: jieba's words, with long compounds split and numerals set apart.

    A word of four or more characters is split after two characters when
    both halves are dictionary words (第一书记 → 第一 书记); a leading numeral
    stands alone (四个意识 → 四 个 意识), as formulas are read numeral by
    numeral.

    >>> pinyin_words('第一书记'), pinyin_words('四个意识')
    (['第一', '书记'], ['四', '个', '意识'])
    """
    splitter = word_splitter()
    splitter.check_initialized()
    words, queue = [], list(splitter.lcut(term, HMM=False))
    while queue:
        word = queue.pop(0)
        if len(word) >= 2 and word[0] in NUMERALS and is_han(word[1]):
            queue[:0] = [word[0], word[1:]]
        elif len(word) >= 4 and all(is_han(c) for c in word) and splitter.FREQ.get(word[:2]) \
                and splitter.FREQ.get(word[2:]):
            queue[:0] = [word[:2], word[2:]]
        else:
            words.append(word)
    return words


PUNCTUATION_PINYIN = {"、": ",", "，": ",", "；": ";", "：": ":"}


def generated_pinyin(term: str, known: dict[str, str] | None = None) -> str:
    """Pinyin for a term, one word per :func:`pinyin_words` word (四议两公开 → sì yì liǎng gōngkāi).

    ``known`` maps other terms to their curated pinyin, used where they occur
    inside this one (党员中心户+协会 reuses dǎngyuán zhōngxīnhù).  Digits and
    Latin letters are kept and joined (1+3); 、 becomes a comma.  An entry's
    ``pinyin`` key overrides all this.

    >>> generated_pinyin('书记抓、抓书记'), generated_pinyin('1+N'), generated_pinyin('五个一')
    ('shūjì zhuā, zhuā shūjì', '1+N', 'wǔ gè yī')
    >>> generated_pinyin('党员中心户+协会', {'党员中心户': 'dǎngyuán zhōngxīnhù'})
    'dǎngyuán zhōngxīnhù + xiéhuì'
    """
    text = normalise(term)
    pieces: list[tuple[str, bool]] = []  # (pinyin or symbol, is_han)
    position = 0
    inner = sorted(((s, e, p) for s, e, p in _known_spans(text, known or {}) if (s, e) != (0, len(text))))
    for start, end, curated in inner + [(len(text), len(text), None)]:
        for word in pinyin_words(text[position:start]) if start > position else []:
            if any(is_han(c) for c in word):
                pieces.append((join_syllables(syllables(word)), True))
            elif word.strip():
                pieces.append((PUNCTUATION_PINYIN.get(word, word), False))
        if curated:
            pieces.append((curated, True))
        position = end
    out = ""
    for n, (piece, han) in enumerate(pieces):
        if n == 0:
            out = piece
        elif piece in PUNCTUATION_PINYIN.values():
            out += piece
        elif not han and not pieces[n - 1][1]:
            out += piece
        else:
            out += " " + piece
    return out


def _known_spans(text: str, known: dict[str, str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest occurrences of curated-pinyin terms inside ``text``."""
    spans, i = [], 0
    forms = sorted(known, key=len, reverse=True)
    while i < len(text):
        form = next((f for f in forms if text.startswith(f, i)), None)
        if form:
            spans.append((i, i + len(form), known[form]))
            i += len(form)
        else:
            i += 1
    return spans


TONE_TABLE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


def strip_tones(text: str) -> str:
    """Pinyin without tone marks, lower case, for sorting and letters.

    >>> strip_tones('Lǜ Ā')
    'lv a'
    """
    return text.lower().translate(TONE_TABLE)


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


def load_glossary(path: Path = DATA_DIR / "glossary.yml") -> Glossary:
    """Read and check the glossary; any problem stops the build with the file, the key and the fix."""
    data = read_yaml(path, DataFileError)
    validate(data, load_schema("glossary.schema.json"), path, DataFileError)
    check_consistency(data, path)
    used_slugs = set(RESERVED_SLUGS)
    curated = {t["term"]: t["pinyin"] for t in data["terms"] if t.get("pinyin")}
    entries = [Entry(term=t["term"], aliases=tuple(t.get("aliases", [])),
                     pinyin=t.get("pinyin") or generated_pinyin(t["term"], curated), english=t["english"],
                     definition=t["definition"].strip(), expansion=t.get("expansion"),
                     category=t["category"], related=tuple(t.get("related", [])),
                     slug=unique_slug(t["term"], used_slugs), not_in=tuple(t.get("not_in", [])))
               for t in data["terms"]]
    exclusions = [Exclusion(x["candidate"], x["reason"]) for x in data.get("exclusions", [])]
    return Glossary(entries, exclusions, path)


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
    (党旗 for 旗) is consumed like a term but yields no match.

    >>> g = Glossary([Entry('党员中心户', (), '', '', '', None, 'mechanism', (), 'a'),
    ...               Entry('两学一做', ('“两学一做”学习教育',), '', '', '', None, 'numbered_formula', (), 'b')], [])
    >>> [(s, e, x.term) for s, e, x in find_terms('党员中心户参加“两学一做”学习教育', g)]
    [(0, 5, '党员中心户'), (7, 17, '两学一做')]
    """
    found = glossary.found.get(text)
    if found is None:
        forms = glossary.forms
        found = glossary.found[text] = [(m.start(), m.end(), forms[m.group(0)]) for m in glossary.pattern.finditer(text)
                                        if forms[m.group(0)] is not None]
    return found


# --------------------------------------------------------------------------- candidates

HAN = "\u4e00-\u9fff"
NUMERALS = "一二三四五六七八九十百千万两双"
# Characters that make a preceding numeral a count, a date or an enumeration, not a formula: 三年, 十八届, 一是.
COUNT_WORDS = set("年月日天次届期批名人岁位项件户元倍米周是")
# Words that typically follow a formula; a formula's last segment stops before them (三会一课|制度).
BOUNDARY_WORDS = ("制度", "机制", "工作", "活动", "工程", "模式", "要求", "创建", "体系", "建设", "行动", "学习",
                  "教育", "品牌", "标准", "管理", "方式", "理念", "思路", "做法", "载体", "党组织", "党支部", "党建",
                  "战略", "布局", "平台", "举措", "问题", "责任", "社区", "专项", "实施", "为", "的", "和", "与",
                  "等", "及", "是", "在", "了")
QUOTE_RE = re.compile(r"[“「『]([^“”「」『』\n]{1,12})[”」』]")
CLAUSE_MARKS = set("，。！？；：,.!?;:")
DIGIT_FORMULA_RE = re.compile(r"(?<![0-9A-Za-z.+])(?:[0-9]{1,2}|[A-Z])(?:\+(?:[0-9]{1,2}|[A-Z]))+(?![0-9A-Za-z+])")
DIGIT_METHOD_RE = re.compile(r"(?<![0-9.])([0-9]{2,4})[”」』]?工作法")
NUMERAL_RE = re.compile(f"[{NUMERALS}]")
STAR_RE = re.compile(f"(?<![{NUMERALS}第0-9])[{NUMERALS}]{{1,2}}星级")
COUNTED_RE = re.compile(f"(?<![{NUMERALS}第0-9])[两三四五六七八九十]个(?![{NUMERALS}])[{HAN}]{{1,2}}")


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def at_boundary(text: str, i: int) -> bool:
    """True if position ``i`` ends a formula: end of text, a non-Han character, or a boundary word."""
    return i >= len(text) or not is_han(text[i]) or text.startswith(BOUNDARY_WORDS, i)


def numeral_formulas(text: str) -> list[tuple[int, int]]:
    """Spans of numeral formulas: numerals alternating with segments of 1–3 Han characters.

    Rule: at least two numeral groups (一–十, 百, 千, 万, 两, 双; at most two
    in a row), each followed by a segment of the same length L (1–3 Han
    characters, no numerals); the last numeral may stand alone (五个一) when a
    boundary follows.  The last segment is L long, or L+1 when that reaches
    a boundary (四议两公开 before 、, 五好三提升 before ”).  Not a formula:
    a numeral after 第, a digit or another numeral run (第十次, 一二三产业),
    or a first segment that starts with a counter (三年实现三级, 十八届六中).

    >>> [text[s:e] for text in ('推行三会一课制度', '四议两公开、过程全监督', '落实“五个一”要求', '一带双联三到四中心模式')
    ...  for s, e in numeral_formulas(text)]
    ['三会一课', '四议两公开', '五个一', '一带双联三到四中心']
    >>> numeral_formulas('三年实现三级党群服务中心，十八届六中全会，一二三产业融合')
    []
    """
    spans, resume = [], 0
    for numeral in NUMERAL_RE.finditer(text):
        start = numeral.start()
        if start >= resume:
            found = _numeral_formula_at(text, start)
            if found:
                spans.append((start, found))
                resume = found
    return spans


def _numeral_run(text: str, i: int) -> int:
    """Length of the run of numerals at ``i`` (0 if none)."""
    j = i
    while j < len(text) and text[j] in NUMERALS:
        j += 1
    return j - i


def _numeral_formula_at(text: str, start: int) -> int | None:
    """End of the numeral formula starting at ``start``, or None; see :func:`numeral_formulas`."""
    if start and (text[start - 1] in NUMERALS or text[start - 1] in "第.0123456789"):
        return None
    first = _numeral_run(text, start)
    if first > 2 or (start + first < len(text) and text[start + first] in COUNT_WORDS):
        return None
    for width in (1, 2, 3):
        i, groups = start + first, 1
        while True:
            segment = text[i:i + width]
            if len(segment) < width or not all(is_han(c) and c not in NUMERALS for c in segment):
                break
            nxt = i + width
            run = _numeral_run(text, nxt)
            if not 1 <= run <= 2:
                break
            i, groups = nxt + run, groups + 1
        if groups < 2:
            continue
        if at_boundary(text, i):
            return i
        last = text[i:i + width]
        if len(last) == width and all(is_han(c) and c not in NUMERALS for c in last):
            end = i + width
            if end < len(text) and is_han(text[end]) and text[end] not in NUMERALS \
                    and not at_boundary(text, end) and at_boundary(text, end + 1):
                end += 1
            return end
        return None
    return None


def candidate_spans(text: str) -> list[tuple[int, int, str]]:
    """Term candidates in ``text`` as (start, end, candidate), by position; see :func:`find_candidates`."""
    spans: dict[tuple[int, int], str] = {}
    for m in QUOTE_RE.finditer(text):
        content = m.group(1)
        if content.strip() and not CLAUSE_MARKS & set(content) and re.search(f"[{HAN}0-9A-Za-z]", content):
            spans[(m.start(1), m.end(1))] = content.strip()
    for m in DIGIT_FORMULA_RE.finditer(text):
        if re.search("[0-9]", m.group(0)):
            spans[(m.start(), m.end())] = m.group(0)
    for m in DIGIT_METHOD_RE.finditer(text):
        spans[(m.start(), m.end())] = m.group(1) + "工作法"
    for start, end in numeral_formulas(text):
        spans[(start, end)] = text[start:end]
    for m in STAR_RE.finditer(text):
        spans[(m.start(), m.end())] = m.group(0)
    for m in COUNTED_RE.finditer(text):
        if at_boundary(text, m.end()):
            spans[(m.start(), m.end())] = m.group(0)
        elif at_boundary(text, m.end() - 1):
            spans[(m.start(), m.end() - 1)] = m.group(0)[:-1]
    return sorted((s, e, c) for (s, e), c in spans.items())


def find_candidates(text: str) -> list[str]:
    """Possible program terms in any text, by rule, each once in order of first appearance.

    Rules (each documented on its pattern):

    1. Quoted spans “…” of 1–12 characters that are not clauses (no ，。；：!?);
       a list inside one pair of quotes stays one candidate
       (“双报到、双服务、双积分”).
    2. Digit formulas: digits or capital letters joined by ``+`` with at least
       one digit (1+3, 1+3+6, 7+X, 1+N, 3+1), not part of a longer number.
    3. Digit methods: 2–4 digits before 工作法, with or without a closing
       quotation mark between (“456”工作法 → 456工作法).
    4. Numeral formulas: see :func:`numeral_formulas` (三会一课, 四议两公开,
       双强六好, 五个一).
    5. Star ratings: a Chinese numeral before 星级 (十星级).
    6. Counted sets: 两…十 + 个 + one or two Han characters ending at a
       boundary (四个意识, 两个覆盖).

    Years (2016年), ordinary counts (120户, 3个月), ordinals (第十次, 十八届)
    and percentages are not candidates.

    >>> find_candidates('开展“双报到、双服务、双积分”活动，推行“7+X”模式和三会一课制度')
    ['双报到、双服务、双积分', '7+X', '三会一课']
    >>> find_candidates('“456”工作法、“532”工作法；开展十星级创建，增强四个意识')
    ['456', '456工作法', '532', '532工作法', '十星级', '四个意识']
    >>> find_candidates('2016年完成120户，第十次党代会，3个月，15.6亿元，增长50%')
    []
    """
    seen: dict[str, None] = {}
    for _, _, candidate in candidate_spans(text):
        seen.setdefault(candidate, None)
    return list(seen)


def undefined_candidates(reports: list[Report], glossary: Glossary) -> list[tuple[str, list[tuple[str, str]]]]:
    """Candidates that are neither a term, an alias nor a reviewed exclusion, with where they occur.

    A candidate also counts as known where it lies inside a glossary match
    (the quoted 456 of “456”工作法).  Order: first appearance, reports in
    the order given; places are (report id, paragraph id), each once.
    """
    found: dict[str, list[tuple[str, str]]] = {}
    for report in reports:
        for item in report.items:
            matches = find_terms(item.text, glossary)
            for start, end, candidate in candidate_spans(item.text):
                if normalise(candidate) in glossary.known:
                    continue
                if any(s <= start and end <= e for s, e, _ in matches):
                    continue
                places = found.setdefault(candidate, [])
                if (report.id, item.id) not in places:
                    places.append((report.id, item.id))
    return list(found.items())


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


def attribute_text(text: str) -> str:
    """Text safe inside a Markdown link title or an ``attr_list`` value: entities for quotes, brackets, braces.

    >>> attribute_text('a "b" (c) {d} <e>')
    'a &quot;b&quot; &#40;c&#41; &#123;d&#125; &lt;e&gt;'
    """
    return html.escape(text.replace("\n", " "), quote=True).translate(
        {ord("("): "&#40;", ord(")"): "&#41;", ord("{"): "&#123;", ord("}"): "&#125;", ord("\\"): "&#92;"})


def one_line(entry: Entry, limit: int = 140) -> str:
    """The definition's first sentence, cut to ``limit`` characters: the hover text under the gloss."""
    sentence = re.split(r"(?<=[.;])\s", entry.definition, maxsplit=1)[0].rstrip(";")
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rstrip() + "…"


def term_link(entry: Entry, shown: str, prefix: str = "../glossary/") -> str:
    """Markdown for one marked term: a validated link to its page, hover title, data for a script.

    ``shown`` is the text as written (it may be an alias); ``prefix`` is the
    path from the page to ``docs/glossary/`` (``../glossary/`` from a report
    page).  The title shows pinyin, English gloss and a one-line definition
    on hover; ``data-*`` attributes let a script show the same on tap.

    >>> e = Entry('两委', (), 'liǎng wěi', 'the two committees', 'Village (Party) committees. More.', None,
    ...           'institution', (), '两委')
    >>> term_link(e, '两委')
    '[两委](../glossary/两委.md "liǎng wěi · the two committees — Village &#40;Party&#41; committees."){ .glossary-term data-pinyin="liǎng wěi" data-english="the two committees" }'
    """
    title = f"{entry.pinyin} · {entry.english} — {one_line(entry)}"
    return (f'[{md_escape(shown)}]({prefix}{entry.slug}.md "{attribute_text(title)}")'
            f'{{ .glossary-term data-pinyin="{attribute_text(entry.pinyin)}" '
            f'data-english="{attribute_text(entry.english)}" }}')


def link_terms(text: str, glossary: Glossary, prefix: str = "../glossary/") -> str:
    """A paragraph as escaped Markdown with the first occurrence of each term linked to its entry.

    >>> g = Glossary([Entry('两委', (), 'liǎng wěi', 'the two committees', 'Committees.', None,
    ...                     'institution', (), '两委')], [])
    >>> link_terms('村“两委”和两委*', g, prefix='')
    '村“[两委](两委.md "liǎng wěi · the two committees — Committees."){ .glossary-term data-pinyin="liǎng wěi" data-english="the two committees" }”和两委\\\\*'
    """
    pieces, position = [], 0
    for start, end, entry in first_occurrences(text, glossary):
        pieces += [md_escape(text[position:start]), term_link(entry, text[start:end], prefix)]
        position = end
    return "".join(pieces) + md_escape(text[position:])


# --------------------------------------------------------------------------- pages


GENERATED_NOTE = ("<!-- Generated by build_scripts from build_scripts/data/glossary.yml and the reports; "
                  "edit the glossary file, not this page. -->")


def front(title: str, extra: dict | None = None) -> list[str]:
    """Front matter for a generated glossary page; the title is HTML-escaped (the theme inserts it as HTML)."""
    meta = {"title": html.escape(title), **(extra or {}), "generated_by": "build_scripts"}
    return ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000).rstrip(), "---", ""]


def entry_link(entry: Entry, prefix: str = "") -> str:
    return f"[{md_escape(entry.term)}]({prefix}{entry.slug}.md)"


def context_html(occurrence: Occurrence, page: str, directory_urls: bool) -> str:
    """One line of a term's contexts: its paragraph's link, then the keyword in context (raw HTML, text shown literally)."""
    k = occurrence.kwic
    link = html_link(f"{REPORTS_DIR}/{occurrence.report_id}.md#{occurrence.paragraph_id}", page, directory_urls,
                     f"{occurrence.report_id} ¶{occurrence.paragraph_id}")
    return f"{link}: {html_text(k.left)}<mark>{html_text(k.match)}</mark>{html_text(k.right)}"


def anchor(prefix: str, text: str) -> str:
    """A heading id from any text (region names, years), ASCII prefix first so it never starts oddly."""
    return f"{prefix}-{SLUGIFY(text, '-') or 'x'}"


def group_order(value: str | None) -> tuple:
    """Unknown regions or years sort last."""
    return (value is None, value or "")


def plural(n: int, noun: str) -> str:
    """``1 report``, ``2 reports``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def counts_table(label: str, counter: Counter) -> list[str]:
    lines = [f"| {label} | 次数 Count |", "| --- | ---: |"]
    for key in sorted(counter, key=group_order):
        lines.append(f"| {md_escape(key or NO_REGION)} | {counter[key]} |")
    return lines + [""]


def term_page(entry: Entry, found: list[Occurrence], glossary: Glossary, directory_urls: bool = True) -> str:
    """One term: pinyin, gloss, category, definition, expansion, related terms, counts and contexts.

    The contexts are raw-HTML lists: a common term has thousands.
    """
    page = f"{GLOSSARY_DIR}/{entry.slug}.md"
    lines = front(f"{entry.term} {entry.english}", {"term": entry.term, "category": entry.category})
    lines += [GENERATED_NOTE, "",
              f"# {md_escape(entry.term)} {{ #title }}", "",
              '<div class="glossary-entry" markdown>', "",
              "拼音 Pinyin", f":   {md_escape(entry.pinyin)}", "",
              "英文 English", f":   {md_escape(entry.english)}", "",
              "类别 Category", f":   [{md_escape(CATEGORIES[entry.category])}](index.md#category-{entry.category})", ""]
    if entry.aliases:
        lines += ["又作 Also written", ":   " + "、".join(md_escape(a) for a in entry.aliases), ""]
    lines += ["定义 Definition", f":   {md_escape(entry.definition)}", ""]
    if entry.expansion:
        lines += ["展开 Expansion", f":   {md_escape(entry.expansion)}", ""]
    if entry.related:
        related = sorted((glossary.by_term[name] for name in entry.related), key=sort_key)
        links = [entry_link(other) for other in related]
        lines += ["相关 Related", ":   " + " · ".join(links), ""]
    lines += ["</div>", ""]
    lines += ["## 出现次数 Counts { #counts }", ""]
    if not found:
        lines += ["This term does not occur in the reports.", ""]
        return "\n".join(lines)
    reports = sorted({o.report_id for o in found})
    lines += [f"{plural(len(found), 'occurrence')} in {plural(len(reports), 'report')}.", ""]
    lines += counts_table("地区 Region", Counter(o.region for o in found))
    lines += counts_table("年份 Year", Counter(o.year for o in found))
    lines += ["## 语境 In context { #contexts data-search-exclude }", "",
              "Each occurrence with the text around it, by region (the report's first region) and year.", ""]
    for region in sorted({o.region for o in found}, key=group_order):
        in_region = [o for o in found if o.region == region]
        lines += [f"### {md_escape(region or NO_REGION)} {{ #{anchor('region', region or 'unknown')} data-search-exclude }}", ""]
        for year in sorted({o.year for o in in_region}, key=group_order):
            year_id = anchor("region", f"{region or 'unknown'}-{year or 'unknown'}")
            lines += [f"#### {md_escape(year or NO_YEAR)} {{ #{year_id} data-search-exclude }}", ""]
            lines += html_list([context_html(o, page, directory_urls) for o in in_region if o.year == year])
    return "\n".join(lines)


def index_page(glossary: Glossary, found: dict[str, list[Occurrence]]) -> str:
    """All terms in pinyin order, with an alphabet bar and per-category sections (plain anchors, no JS needed).

    Rows carry ``data-category`` and ``data-letter`` for a script to filter on.
    """
    entries = glossary.sorted_entries()
    letters = sorted({letter(e) for e in entries}, key=lambda c: (c != "#", c))
    lines = front("术语表 Glossary")
    lines += [GENERATED_NOTE, "", "# 术语表 Glossary { #title }", "",
              f"{len(entries)} program terms of the reports — numbered formulas, programs, mechanisms, institutions, "
              "administrative and Mongolian-origin words — each with pinyin, an English gloss, a definition drawn "
              "from the reports, and every place it occurs. Terms still to be defined are listed for editors on "
              "[the candidates page](candidates.md).", ""]
    lines += ['<nav class="glossary-letters" markdown>',
              " ".join(f"[{c}](#letter-{'num' if c == '#' else c.lower()})" for c in letters), "</nav>", ""]
    lines += ['<nav class="glossary-categories" markdown>',
              " · ".join(f"[{md_escape(label)}](#category-{key})" for key, label in CATEGORIES.items()), "</nav>", ""]
    for c in letters:
        lines += [f"## {c} {{ #letter-{'num' if c == '#' else c.lower()} }}", "",
                  '<table class="glossary-table" markdown>',
                  "<thead><tr><th>术语 Term</th><th>拼音 Pinyin</th><th>英文 English</th><th>类别 Category</th>"
                  "<th>次数 Count</th></tr></thead>", '<tbody markdown>']
        for entry in (e for e in entries if letter(e) == c):
            attrs = (f'id="term-{html.escape(entry.slug)}" data-category="{entry.category}" '
                     f'data-letter="{html.escape(c)}" data-pinyin="{html.escape(entry.pinyin)}"')
            cells = [entry_link(entry), md_escape(entry.pinyin), md_escape(entry.english),
                     md_escape(CATEGORIES[entry.category].split(" ")[0]), str(len(found[entry.term]))]
            lines += [f"<tr {attrs} markdown>"] + [f'<td markdown="span">{cell}</td>' for cell in cells] + ["</tr>"]
        lines += ["</tbody>", "</table>", ""]
    lines += ["## 分类 By category { #by-category }", ""]
    for key, label in CATEGORIES.items():
        members = [e for e in entries if e.category == key]
        lines += [f"### {md_escape(label)} {{ #category-{key} }}", "",
                  " · ".join(entry_link(e) for e in members) if members else "None.", ""]
    return "\n".join(lines)


def candidates_page(reports: list[Report], glossary: Glossary) -> str:
    """The editors' page: every candidate term not yet defined or excluded, and where it occurs."""
    undefined = undefined_candidates(reports, glossary)
    lines = front("术语候选 Glossary candidates", {"search": {"exclude": True}})
    lines += [GENERATED_NOTE, "", "# 术语候选 Glossary candidates { #title }", "",
              "Formula-like strings and short quoted phrases that the discovery rules find in the reports and that "
              "are neither a glossary term (or alias) nor a reviewed exclusion. Define each in "
              "`build_scripts/data/glossary.yml` under `terms`, or list it under `exclusions` with a reason.", ""]
    if not undefined:
        none = "There are no undefined candidates: every candidate is a term or a reviewed exclusion."
        return "\n".join(lines + [none, ""])
    lines += [f"{len(undefined)} undefined candidates.", "", "| 候选 Candidate | 出现 Where |", "| --- | --- |"]
    for candidate, places in undefined:
        where = ", ".join(f"[{md_escape(r)} ¶{md_escape(p)}](../{REPORTS_DIR}/{r}.md#{p})" for r, p in places)
        lines.append(f"| {md_escape(candidate)} | {where} |")
    return "\n".join(lines + [""])


def pages(reports: list[Report], glossary: Glossary, found: dict[str, list[Occurrence]] | None = None,
          directory_urls: bool = True) -> dict[str, str]:
    """The Markdown files of ``docs/glossary/``: index, one page per term, and the candidates page."""
    found = found or occurrences(reports, glossary)
    files = {"index.md": index_page(glossary, found), "candidates.md": candidates_page(reports, glossary)}
    for entry in glossary.sorted_entries():
        files[f"{entry.slug}.md"] = term_page(entry, found[entry.term], glossary, directory_urls)
    return dict(sorted(files.items()))


# --------------------------------------------------------------------------- exports

CSV_COLUMNS = ["term", "pinyin", "english", "category", "aliases", "expansion", "related", "definition",
               "occurrences", "reports", "by_region", "by_year", "url"]


def counted(values) -> str:
    """``name:count`` pairs, sorted, unknown last: ``锡林郭勒盟:12; 通辽市:3``."""
    counter = Counter(values)
    return "; ".join(f"{k or 'unknown'}:{counter[k]}" for k in sorted(counter, key=group_order))


def exports(reports: list[Report], glossary: Glossary,
            found: dict[str, list[Occurrence]] | None = None) -> dict[str, str]:
    """``glossary.json`` (one object per term with its occurrences) and ``glossary.csv`` (one row per term, counts)."""
    found = found or occurrences(reports, glossary)
    records = []
    for entry in glossary.sorted_entries():
        records.append({
            "term": entry.term, "pinyin": entry.pinyin, "english": entry.english, "definition": entry.definition,
            "category": entry.category, "aliases": list(entry.aliases), "expansion": entry.expansion,
            "related": list(entry.related), "url": f"{GLOSSARY_DIR}/{entry.slug}/",
            "occurrences": [{"report": o.report_id, "paragraph": o.paragraph_id, "url": o.url}
                            for o in found[entry.term]],
        })
    rows = []
    for entry, record in zip(glossary.sorted_entries(), records):
        hits = found[entry.term]
        rows.append({**{k: record[k] for k in ("term", "pinyin", "english", "category", "definition", "url")},
                     "aliases": "; ".join(entry.aliases), "expansion": entry.expansion or "",
                     "related": "; ".join(entry.related), "occurrences": len(hits),
                     "reports": len({o.report_id for o in hits}), "by_region": counted(o.region for o in hits),
                     "by_year": counted(o.year for o in hits)})
    return {"glossary.json": json.dumps(records, ensure_ascii=False, indent=1) + "\n",
            "glossary.csv": csv_text(CSV_COLUMNS, rows)}
