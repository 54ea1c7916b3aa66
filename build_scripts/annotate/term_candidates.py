"""Candidate terms: formula-like or quoted phrases in the reports that the glossary does not define yet.

Rules, not a list: numbered formulas (三会一课, 1+3), quoted short phrases,
star ratings and ``N个X`` counts, so a new report shows the editor what still
needs defining (or excluding, with a reason).
"""

from __future__ import annotations

import re

from build_scripts.annotate.glossary import Glossary, find_terms
from build_scripts.annotate.wording import HAN, NUMERALS, is_han, normalise
from build_scripts.model import Report

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
