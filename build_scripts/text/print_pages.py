"""Text copied out of a printed page (a PDF compilation): page numbers, running heads, display lines above the text.

A PDF copy keeps what the printed page had around the text: a page number
(— 12 —, 第3页, -5-) and a running head (the book's title) at every page
break, often in the middle of a sentence, and the article's title,
subtitle and issuing office set as short lines right above the indented
paragraphs, with no blank line between.  None of the page furniture is
text, and its numbers are never figures.
"""

from __future__ import annotations

import re
from collections import Counter

from build_scripts.model import Line, Unit
from build_scripts.text.furniture import _explode, _furniture
from build_scripts.text.layout import SENTENCE_END, edits_on, ends_clause, width

PAGE_MARK_RE = re.compile(r"^(?:[—–\-－]{1,2}[ \u3000]*(?P<dashed>\d{1,4})[ \u3000]*[—–\-－]{1,2}|"
                          r"第[ \u3000]*(?P<page>\d{1,4})[ \u3000]*页(?:[ \u3000]*[，,]?[ \u3000]*共[ \u3000]*\d{1,4}[ \u3000]*页)?)$")
RUNNING_HEAD_MAX = 30        # characters: a running head is no longer than this
COLLECTION_RE = re.compile(r"(?:汇编|选编|文集|文选|案例集|案例选编|读本|资料集|丛书|年鉴)$")
DISPLAY_MARGIN = 8           # columns: a display line stops this far short of the text's column at least


def page_marks(units: list[Unit]) -> list[Unit]:
    """A line that is only a page number set off by dashes or words (— 12 —, -5-, 第3页) is the page's number.

    Unlike a bare number, such a line cannot be text, so it leaves the text
    wherever it stands, even inside a wrapped paragraph cut by the page break.

    >>> [bool(PAGE_MARK_RE.match(t)) for t in ('— 12 —', '-5-', '第3页', '第 3 页 共 12 页', '12', '第3页的内容')]
    [True, True, True, True, False, False]
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        m = PAGE_MARK_RE.match(line.text)
        if not m:
            return None
        return _furniture("page_residue", [line], "page_number", page=int(m.group("dashed") or m.group("page")))
    return _explode(units, classify)


def _page_mark_lines(units: list[Unit]) -> set[int]:
    return {u.lines[0].number for u in units if u.kind == "furniture" and u.fields.get("page")}


def running_heads(units: list[Unit]) -> list[Unit]:
    """A short line repeated at page breaks (next to a page number) is the running head, each time it is printed.

    Only a line printed at least twice, once beside a page number, counts;
    when it names a compilation (…案例汇编, …文集) it is the publication.
    """
    marks = _page_mark_lines(units)
    lines = [line for u in units if u.kind == "text" for line in u.lines]
    counts = Counter(line.text for line in lines)
    heads = {line.text for line in lines
             if counts[line.text] >= 2 and len(line.text) <= RUNNING_HEAD_MAX and not ends_clause(line.text)
             and not any(ch in SENTENCE_END for ch in line.text)
             and {line.number - 1, line.number + 1} & marks}
    if not heads:
        return units

    def classify(unit: Unit, line: Line) -> Unit | None:
        if line.text not in heads:
            return None
        fields = {"publication": line.text} if COLLECTION_RE.search(line.text) else {}
        return _furniture("running_head", [line], "running_head", **fields)
    return _explode(units, classify)


def display_lines_above_indented_text(units: list[Unit]) -> list[Unit]:
    """Short unindented lines heading a block of indented paragraphs are display lines: title, subtitle, office.

    Where a copied page marks paragraphs only by a first-line indent, the
    lines above the first indented one that stop well short of the text's
    column and end no sentence are the article's title, ——subtitle and
    issuing office; each stands alone, so the header sees them.  A first
    paragraph that lost its indent fills the column and stays text.
    """
    out = []
    for unit in units:
        indents = unit.fields.get("indents", {})
        first = next((n for n, line in enumerate(unit.lines) if line.number in indents), 0)
        if unit.kind != "text" or not first or len(indents) < 2:
            out.append(unit)
            continue
        column = max(width(line.text) + indents.get(line.number, 0) for line in unit.lines)
        head = unit.lines[:first]
        if not all(width(line.text) <= column - DISPLAY_MARGIN and not ends_clause(line.text) for line in head):
            out.append(unit)
            continue
        for n, piece in enumerate([[line] for line in head] + [unit.lines[first:]]):
            out.append(Unit("text", piece, unit.gap_before if n == 0 else 0, fields=dict(unit.fields),
                            edits=edits_on(unit.edits, piece)))
    return out


def printed_pages(units: list[Unit]) -> list[Unit]:
    """The printed-page passes in order: page numbers first, since running heads are found beside them."""
    for step in (page_marks, running_heads, display_lines_above_indented_text):
        units = step(units)
    return units


STRUCTURE_RULES = {
    "page_number": "Moved a page number (— 12 —, 第3页) out of the text; it is no figure.",
    "running_head": "Moved a running head repeated at page breaks out of the text; a compilation's name is the publication.",
}
