"""The search-quality suite's queries, with expected results computed from the corpus itself.

``queries(reports, glossary_terms, places, authors)`` returns a deterministic list
of what researchers type into the search box, in five kinds:

``term``
    program terms from the glossary (and the issue's 嘎查村集体经济), pure Han or
    letters and digits only: forms with punctuation (“1+3”制度, 书记抓、抓书记) are
    left out (the theme's lunr search, measured first, gave ``+``/``-``/``:`` a meaning
    of its own), so the list stays the one every measurement used;
``place``
    gazetteer names and short forms (东乌珠穆沁旗, 东乌旗, 锡林郭勒);
``person``
    people in bylines (罗虎在, 巴依斯古楞) and people named in the text (斯琴图, 陈仕宇);
``number``
    figures as printed (2093, 1399, 51.9%), matched only as whole numbers: 1399 is
    not found inside 13990 or 1.1399;
``two-word``
    two phrases separated by a space (党员中心户 集体经济).

Only forms that occur somewhere in the reports are kept: a query whose expected
set is empty says nothing about recall or precision.

**Expected pages.** A report page's *text* is what the reader sees of it as report
text: its title (and kicker and subtitle, printed above it), every paragraph,
heading and caption of ``reports.json`` (editorial ``note`` items are left out:
they are the search-excluded apparatus), and the names of the people in its
byline (role ``author``), because a researcher who types 罗虎在 wants the report
that 罗虎在 wrote.  A single-phrase query expects every report page whose text
contains it; a two-word query expects the pages that contain both words
(``expected``) and knows the pages that contain only one (``partial``), which must
rank below all of the former.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

KINDS = ("term", "place", "person", "number", "two-word")

# Named in the issue or the brief: always asked when they occur, before any other of their kind.
PRIORITY_TERMS = ("党员中心户", "四议两公开", "三会一课", "两学一做", "五面红旗", "嘎查村集体经济")
PRIORITY_PLACES = ("东乌珠穆沁旗", "东乌旗", "锡林郭勒盟", "锡林郭勒", "锡盟", "通辽市", "科左后旗")
PRIORITY_NUMBERS = ("2093", "1399", "51.9%")
PRIORITY_PAIRS = (("党员中心户", "集体经济"), ("两学一做", "三会一课"), ("嘎查村", "党员中心户"),
                  ("第一书记", "脱贫攻坚"), ("锡林郭勒盟", "乡村振兴"))

# People named in the report text (not in any byline), read off the seeds; kept only while they occur.
TEXT_PERSON_NAMES = ("斯琴图", "扎拉根巴雅尔", "陈仕宇", "刘国良", "王晓东", "杨光", "吉力特", "李纪恒")

# How many of each kind: priority items first, then an even spread over the rest (see ``spread``).
LIMITS = {"term": 40, "place": 45, "person": 20, "number": 15, "two-word": 14}

PLAIN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
NUMBER_IN_TEXT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%?(?![\d.])")


@dataclass(frozen=True)
class Query:
    """What is typed, what kind it is, and which report pages (URLs like ``reports/<id>/``) it should find."""

    text: str
    kind: str
    expected: tuple[str, ...]           # single phrase: pages containing it; two-word: pages containing both
    partial: tuple[str, ...] = ()       # two-word only: pages containing one word but not the other
    words: tuple[str, ...] = field(default=())

    @property
    def single(self) -> bool:
        return self.kind != "two-word"


def page_text(report: dict) -> str:
    """The report page's text as searched for expected results (see the module docstring)."""
    parts = [report.get("kicker") or "", report["title"], report.get("subtitle") or ""]
    parts += [p["text"] for p in report["paragraphs"] if p["kind"] != "note"]
    parts += [a["name"] for a in report.get("authors", []) if a.get("role") == "author"]
    return "\n".join(parts)


def contains(text: str, phrase: str) -> bool:
    """Whether ``text`` contains ``phrase``; a number only as a whole number.

    >>> contains("建立党员中心户1399户", "党员中心户"), contains("建立党员中心户1399户", "1399")
    (True, True)
    >>> contains("共13990户", "1399"), contains("占51.9%", "51.9%"), contains("增长1.1399倍", "1399")
    (False, True, False)
    """
    if NUMBER.fullmatch(phrase):
        return re.search(rf"(?<![\d.]){re.escape(phrase)}(?![\d]|\.\d)", text) is not None
    return phrase in text


def spread(items: Sequence, count: int) -> list:
    """``count`` items evenly spaced over ``items`` (all of them when there are fewer), order kept.

    >>> spread(list(range(10)), 3), spread([1, 2], 5)
    ([0, 3, 6], [1, 2])
    """
    if count >= len(items):
        return list(items)
    if count <= 0:
        return []
    return [items[(i * len(items)) // count] for i in range(count)]


def _pick(candidates: Iterable[str], priority: Sequence[str], limit: int, pages) -> list[str]:
    """Priority forms that occur, then an even spread over the others, most widely found first."""
    found = {c for c in candidates if pages(c)}
    first = [c for c in dict.fromkeys(priority) if c in found]
    rest = sorted(found - set(first), key=lambda c: (-len(pages(c)), c))
    return first + spread(rest, max(0, limit - len(first)))


def queries(reports: Sequence[dict], glossary_terms: Iterable[str], places: Iterable[str],
            authors: Iterable[str]) -> list[Query]:
    """The suite's queries, in a fixed order; every one expects at least one report page."""
    texts = {report["url"]: page_text(report) for report in reports}
    cache: dict[str, tuple[str, ...]] = {}

    def pages(phrase: str) -> tuple[str, ...]:
        if phrase not in cache:
            cache[phrase] = tuple(url for url, text in texts.items() if contains(text, phrase))
        return cache[phrase]

    def plain(forms: Iterable[str]) -> set[str]:
        return {f.strip() for f in forms if len(f.strip()) > 1 and PLAIN.fullmatch(f.strip())}

    chosen: dict[str, list[str]] = {
        "term": _pick(plain(glossary_terms) | plain(PRIORITY_TERMS), PRIORITY_TERMS, LIMITS["term"], pages),
        "place": _pick(plain(places), PRIORITY_PLACES, LIMITS["place"], pages),
        "person": _pick(plain([*authors, *TEXT_PERSON_NAMES]), [*authors, *TEXT_PERSON_NAMES],
                        LIMITS["person"], pages),
    }
    numbers = {m.group() for text in texts.values() for m in NUMBER_IN_TEXT.finditer(text)}
    numbers = {n for n in numbers if len(n.rstrip("%")) >= 4}  # short figures (12, 300) say little
    chosen["number"] = _pick(numbers | set(PRIORITY_NUMBERS), PRIORITY_NUMBERS, LIMITS["number"], pages)

    result: list[Query] = []
    seen: set[str] = set()
    for kind in ("term", "place", "person", "number"):
        for phrase in chosen[kind]:
            if phrase not in seen:  # a form that is both a term and a place is asked once, first kind wins
                seen.add(phrase)
                result.append(Query(phrase, kind, pages(phrase), words=(phrase,)))

    def pair_query(a: str, b: str) -> Query | None:
        both = tuple(u for u in pages(a) if u in pages(b))
        either = [u for u in texts if u in pages(a) or u in pages(b)]
        partial = tuple(u for u in either if u not in both)
        if not both or a in b or b in a:
            return None
        return Query(f"{a} {b}", "two-word", both, partial, (a, b))

    pairs = [q for q in (pair_query(a, b) for a, b in PRIORITY_PAIRS) if q]
    # Generated pairs test the ranking property: both words on some pages and only one on others.
    pool = [p for p in chosen["term"] + chosen["place"] if 2 <= len(pages(p)) <= 9]
    generated = [q for i, a in enumerate(pool) for b in pool[i + 1:]
                 if (q := pair_query(a, b)) and q.partial and q.text not in {p.text for p in pairs}]
    generated.sort(key=lambda q: (-len(q.expected), q.text))
    pairs += spread(generated, LIMITS["two-word"] - len(pairs))
    return result + pairs
