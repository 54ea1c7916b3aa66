"""Furniture passes: what a layout prints around a report that is not its text — tails, credits, bylines, residue.

Each pass takes lines out of the running text into furniture units that
carry their metadata (recipients, issuer, provider, authors) and an edit
naming the pass, so the apparatus shows what left the text and why.
"""

from __future__ import annotations

import re
from typing import Callable

from build_scripts.model import Edit, Line, Unit
from build_scripts.text.layout import (
    BLANK,
    SENTENCE_END,
    SHORT_LINE,
    edits_on,
    ends_sentence,
    split_outside_brackets,
)
from build_scripts.text.people import TEXT_ROLE_WORDS, people
from build_scripts.text.rules import HAN

DISTRIBUTION_RE = re.compile(r"^(?P<marker>抄送|抄报|报|发|送|挂)[：:](?P<rest>.*)$")


ISSUING_RE = re.compile(r"^(?P<issuer>\S.*?)[ \u3000]{2,}(?P<date>\d{4}年\d{1,2}月\d{1,2}日)(?P<verb>印发|发)$")


PAGE_FIELD_RE = re.compile(r"^PAGE$")


PAGE_NUMBER_RE = re.compile(r"^[-—–]?[ ]?\d{1,4}[ ]?[-—–]?$")


CREDIT_RE = re.compile(
    r"[（(](?=本[版文刊期]|图文|图片|照片|文字|稿件)(?:本(?:版|文|刊|期))?(?P<what>图文|图片|照片|文字|稿件)?(?:均)?"
    r"由(?P<provider>[^（）()]+?)提供[）)]")


AUTHOR_LINE_RE = re.compile(
    f"^(?:[□■◎][ \u3000]*(?:{TEXT_ROLE_WORDS}[：:]?[ \u3000]*)?|{TEXT_ROLE_WORDS}(?:[：:][ \u3000]*|[ \u3000]+))"
    f"(?P<names>[{HAN}·]{{2,8}}(?:(?:[ \u3000、，,]+|[ \u3000]*{TEXT_ROLE_WORDS}[：:]?[ \u3000]*)[{HAN}·]{{2,8}})*)$")


BYLINE_RE = re.compile(
    f"^(?P<office>[{HAN}（）()]{{2,24}}?(?:副书记|书记|副部长|部长|主任|盟长|市长|旗长|县长|主席|局长|组长))"
    f"[ \u3000]+(?P<name>[{HAN}·]{{2,6}})$")


def _furniture(kind: str, lines: list[Line], rule: str, **fields) -> Unit:
    text = "\n".join(line.text for line in lines)
    return Unit("furniture", lines, text=text, fields={"furniture": kind, **fields},
                edits=[Edit(rule, text, "")])


def _explode(units: list[Unit], classify: Callable[[Unit, Line], Unit | None]) -> list[Unit]:
    """Split blocks wherever ``classify`` claims a line; unclaimed lines stay together."""
    out = []
    for unit in units:
        if unit.kind != "text":
            out.append(unit)
            continue
        rest, gap = [], unit.gap_before
        for line in unit.lines:
            claimed = classify(unit, line)
            if claimed is None:
                rest.append(line)
                continue
            if rest:
                out.append(Unit("text", rest, gap, fields=dict(unit.fields), edits=edits_on(unit.edits, rest)))
                gap = 0
            claimed.gap_before = gap
            claimed.edits = edits_on(unit.edits, [line]) + claimed.edits
            out.append(claimed)
            rest, gap = [], 0
        if rest:
            out.append(Unit("text", rest, gap, fields=dict(unit.fields), edits=edits_on(unit.edits, rest)))
    return out


def document_tail(units: list[Unit]) -> list[Unit]:
    """A distribution list (报：/发：/抄送：…) and everything after it is document furniture.

    Bulletins end with who receives them, the issuing office and date, and
    word-processor residue.  None of it is the report's text; it becomes
    metadata (recipients, issuer, stated date) and is shown as furniture.
    """
    lines = [(u, line) for u in units if u.kind == "text" for line in u.lines]
    start = next((i for i, (_, line) in enumerate(lines)
                  if i > 0 and DISTRIBUTION_RE.match(line.text)
                  and not any(ch in SENTENCE_END for _, later in lines[i:] for ch in later.text)), None)
    if start is None:
        return units
    tail_numbers = {line.number for _, line in lines[start:]}
    moved_edits = [e for u in units for e in u.edits if e.line in tail_numbers]
    head = []
    for unit in units:
        keep = [line for line in unit.lines if line.number not in tail_numbers]
        if unit.kind != "text" or len(keep) == len(unit.lines):
            head.append(unit)
        elif keep:
            unit.lines = keep
            unit.edits = [e for e in unit.edits if e.line not in tail_numbers]
            head.append(unit)
    tail, entry = [], None
    for _, line in lines[start:]:
        if m := DISTRIBUTION_RE.match(line.text):
            entry = _furniture("distribution", [line], "distribution_list", marker=m.group("marker"))
            tail.append(entry)
        elif m := ISSUING_RE.match(line.text):
            tail.append(_furniture("issuing_line", [line], "issuing_line",
                                   issuer=m.group("issuer"), date=m.group("date")))
            entry = None
        elif PAGE_FIELD_RE.match(line.text) or PAGE_NUMBER_RE.match(line.text):
            tail.append(_furniture("page_residue", [line], "page_residue"))
        elif entry is not None:
            entry.lines.append(line)
            entry.text += "\n" + line.text
            entry.edits[0] = Edit("distribution_list", entry.text, "")
        else:
            tail.append(_furniture("tail", [line], "document_tail"))
    for unit in tail:
        if unit.fields["furniture"] == "distribution":
            body = DISTRIBUTION_RE.match(unit.lines[0].text).group("rest") + "\n" + "\n".join(
                line.text for line in unit.lines[1:])
            unit.fields["recipients"] = split_outside_brackets(body, "，,、\n")
    for unit in tail:
        unit.edits = edits_on(moved_edits, unit.lines) + unit.edits
    return head + tail


def page_residue(units: list[Unit]) -> list[Unit]:
    """Word-processor field codes (``PAGE``) and bare page numbers are not text.

    A bare number counts as a page number only when it stands alone as a
    block or follows a ``PAGE`` line, so numbers inside wrapped text are safe.
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        alone = len(unit.lines) == 1
        after_field = any(PAGE_FIELD_RE.match(other.text) for other in unit.lines
                          if other.number == line.number - 1)
        if PAGE_FIELD_RE.match(line.text) or (PAGE_NUMBER_RE.match(line.text) and (alone or after_field)):
            return _furniture("page_residue", [line], "page_residue")
        return None
    return _explode(units, classify)


def credit_lines(units: list[Unit]) -> list[Unit]:
    """Credit lines such as ``（本版图文由锡林郭勒盟组织部提供）`` leave the body.

    Newspapers print them at the end of the last paragraph or on a line of
    their own; they say who supplied text and pictures, which is metadata.
    A credit naming only what was supplied (``（图片由X提供）``) is one too.
    """
    out = []
    for unit in units:
        out.append(unit)
        if unit.kind != "text":
            continue
        for i, line in enumerate(unit.lines):
            m = CREDIT_RE.search(line.text)
            if not m:
                continue
            rest = (line.text[:m.start()] + line.text[m.end():]).strip(BLANK)
            credit = _furniture("credit", [line], "credit_line", provider=m.group("provider"),
                                what=m.group("what") or "")
            credit.text = m.group(0)
            left = line.text[max(0, m.start() - 8):m.start()]
            credit.edits = [Edit("credit_line", left + m.group(0) + line.text[m.end():m.end() + 8],
                                 left + line.text[m.end():m.end() + 8])]
            out.append(credit)
            if rest:
                unit.lines[i] = Line(line.number, rest)
            else:
                del unit.lines[i]
                credit.edits = edits_on(unit.edits, [line]) + credit.edits
                unit.edits = edits_on(unit.edits, unit.lines)
            break
        if not unit.lines:
            out.pop(-2)
    return out


def author_lines(units: list[Unit]) -> list[Unit]:
    """Author lines (``□巴依斯古楞 田冬冬``, ``本报记者 X 通讯员 Y``) become authors, with their roles, not text.

    A line after running text of its block (a line with a comma or a full
    stop) is left alone: a byline stands among the header lines, or nearly alone.
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        m = AUTHOR_LINE_RE.match(line.text)
        before = [other for other in unit.lines if other.number < line.number]
        in_header = not any(re.search("[，。；！？,;]", other.text) for other in before)
        if not m or (len(unit.lines) > 2 and not in_header):
            return None
        return _furniture("author_line", [line], "author_line", people=people(line.text.lstrip("□■◎ \u3000")))
    return _explode(units, classify)


def bylines(units: list[Unit]) -> list[Unit]:
    """A two-line block of a title and an office-and-name line is a byline block.

    Collections of officials' reports print each piece's title and its
    author's office and name (``锡林郭勒盟委书记 罗虎在``) as a pair; which text
    the pair belongs to is decided later (see :func:`split_reports`).
    """
    for unit in units:
        if unit.kind != "text" or len(unit.lines) != 2:
            continue
        title, byline = unit.lines
        m = BYLINE_RE.match(byline.text)
        if m and len(title.text) <= SHORT_LINE and not ends_sentence(title.text):
            unit.kind = "byline"
            unit.text = title.text
            unit.fields.update(office=m.group("office"), name=m.group("name"), byline=byline.text)
            unit.edits.append(Edit("byline", byline.text, ""))
    return units
