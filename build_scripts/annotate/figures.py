"""Figures: the quantities the reports state (1399户党员中心户, 覆盖率52.7%, 三百余名), as data — reading.

Every run of Arabic digits in a report's cleaned text is either part of a
*figure* or an *exclusion* with a named reason (:mod:`figure_numbers`: a year, a
date, a clock time, a page label, a phone number, a code, a cohort, a
formula, an ordinal …).  Nothing is dropped silently: the report page lists
both, and a test checks that the two together cover every digit run.
Quantities written in Chinese numerals are read when they have a place value
(三百余名, 两千多户, 十万元); single numerals (一名党员, 五面红旗) are not.

A figure is read by one pattern over the text — qualifier before
(近, 超过, 平均 …), number or range, multiplier (万, 亿), qualifier (多, 余),
unit (元, 个, 名, 对, 个多月, 平方公里 …), qualifier after (以上, 左右 …) —
and normalised to its base unit (15.6亿元 → 1,560,000,000 元; 1.9万多名 →
19,000 名, qualifier 多).  Its *subject*, the thing counted, is the noun
phrase right after it (78名副处级后备干部, 1018名在职机关党员) or, failing
that, right before it (网格2093个) without the verb that governs it (投资,
组织, 选派); money whose use follows (投资2.5亿元用于…) counts that use.  A list
before 分别 is paired with the figures after it in order.  Each subject says
how it was found.  Where, when and what kind of figure it is are decided by
:mod:`figure_context`.

The lists the pattern is made of live in ``data/figures.yml``.
"""

from __future__ import annotations

import re

from build_scripts.annotate.figure_base import (
    DIGITS_RE,
    Excluded,
    Figure,
    ReportFigures,
    Vocabulary,
    clause_bounds,
    comma_bounds,
    factor_of,
    load_vocabulary,
    standalone_vocabulary,
    scaled,
)
from build_scripts.annotate.figure_numbers import (
    EXCLUSIONS,
    NUMERAL_CHARS,
    chinese_number,
    exclusion,
    is_chinese_quantity,
    non_figure_spans,
)
from build_scripts.annotate.figure_subjects import (
    activities,
    find_subject,
    inherit,
    pair_lists,
    pair_with_list_before,
    runs_of,
    same_subject_as_before,
    share_heads,
    share_subject,
    share_units,
    split_shared_phrases,
)
from build_scripts.model import Item

__all__ = ["EXCLUSIONS", "Excluded", "Figure", "ReportFigures", "item_figures", "load_vocabulary"]

NUMBER_START_RE = re.compile(rf"\d|百分之|[{NUMERAL_CHARS}]")


def item_figures(report_id: str, item: Item, vocabulary: Vocabulary | None = None) -> ReportFigures:
    """The figures and excluded digit runs of one paragraph, heading or caption, in text order."""
    vocabulary = vocabulary or standalone_vocabulary()
    text, out = item.text, ReportFigures()
    quoted = [m.span() for m in QUOTED_RE.finditer(text)]
    spans = non_figure_spans(text)
    position = previous_end = 0
    while (found := NUMBER_START_RE.search(text, position)) is not None:
        start = found.start()
        if not text[start].isdigit():
            figure = _chinese_figure(report_id, item, start, previous_end, quoted, vocabulary)
            if figure is None:
                position = start + 1
                continue
        else:
            digits = DIGITS_RE.match(text, start)
            span = next((s for s in spans if s[0] <= start < s[1]), None)
            reason = span[2] if span else exclusion(text, start, digits.end(), quoted)
            if reason is not None:
                out.excluded.append(Excluded(report_id, item.id, digits.group(), reason, start))
                position = digits.end()
                continue
            figure = _figure(report_id, item, start, previous_end, vocabulary)
        out.figures.append(figure)
        position = previous_end = figure.end
    runs = runs_of(out.figures, text, vocabulary)
    for run in runs:
        for place, figure in enumerate(run):
            figure.position = place
        share_units(run, vocabulary)
        share_subject(run)
    share_heads(out.figures, text, vocabulary)
    pair_lists(runs, text, vocabulary)
    pair_with_list_before(runs, text, vocabulary)
    inherit(runs)
    same_subject_as_before(out.figures, text, vocabulary)
    activities(out.figures, text, vocabulary)
    split_shared_phrases(out.figures, vocabulary)
    return out


QUOTED_RE = re.compile(r"[“\"‘《][^“”\"‘’《》]{0,14}[”\"’》]")


def _chinese_figure(report_id: str, item: Item, start: int, previous_end: int, quoted: list[tuple[int, int]],
                    vocabulary: Vocabulary) -> Figure | None:
    """A quantity in Chinese numerals starting at ``start`` (三百余名, 百分之八十), or None when it counts nothing."""
    text = item.text
    found = vocabulary.chinese_pattern.match(text, start)
    if found is None or (start and text[start - 1] in "第" + NUMERAL_CHARS):
        return None
    if any(a < start < b for a, b in quoted):
        return None
    if found.group("percent"):
        value = chinese_number(found.group("percent"))
        if value is None:
            return None
        return _make(report_id, item, start, found.end(), value, "%", "%", [], previous_end, vocabulary)
    numeral = found.group("num")
    if not is_chinese_quantity(numeral, bool(found.group("q1"))):
        return None
    unit_written = found.group("unit")
    factor = factor_of(unit_written, vocabulary)
    qualifiers = [found.group(k) for k in ("q1", "q2") if found.group(k)]
    return _make(report_id, item, start, found.end(), chinese_number(numeral) * factor,
                 vocabulary.units[unit_written][0], unit_written, qualifiers, previous_end, vocabulary)


def _figure(report_id: str, item: Item, start: int, previous_end: int, vocabulary: Vocabulary) -> Figure:
    """The figure whose Arabic number starts at ``start``."""
    found = vocabulary.pattern.match(item.text, start)
    unit_written = (found.group("mult") or "") + (found.group("unit") or "") or None
    factor = factor_of(unit_written, vocabulary)
    qualifiers = [found.group(k) for k in ("q1", "q2") if found.group(k)]
    figure = _make(report_id, item, start, found.end(), scaled(found.group("num"), factor),
                   vocabulary.units[found.group("unit")][0] if found.group("unit") else None, unit_written,
                   qualifiers, previous_end, vocabulary)
    figure.value_to = scaled(found.group("num2"), factor) if found.group("num2") else None
    return figure


def _make(report_id: str, item: Item, start: int, end: int, value, unit: str | None, unit_written: str | None,
          qualifiers: list[str], previous_end: int, vocabulary: Vocabulary) -> Figure:
    """A figure with its qualifiers, comparison and subject (looked for no further back than the figure before)."""
    text = item.text
    clause_start, clause_end = clause_bounds(text, start, end)
    head = text[max(comma_bounds(text, start, end)[0], previous_end):start]  # across 、: a list of nouns
    before = vocabulary.before_re.search(head)
    head = head[:before.start()] if before else head
    comparison = vocabulary.comparison_re.search(head)
    head = head[:comparison.start()] if comparison else head
    inner = vocabulary.unit_qualifiers.get((unit_written or "")[1:]) or vocabulary.unit_qualifiers.get(unit_written)
    qualifiers = ([before.group()] if before else []) + qualifiers + ([inner] if inner else [])
    figure = Figure(report_id, item.id, text[start:end], value, unit, unit_written, "、".join(qualifiers) or None,
                    None, None, start, end, comparison=comparison.group() if comparison else None,
                    clause=text[clause_start:clause_end])
    find_subject(figure, text[end:clause_end], head, vocabulary)
    return figure
