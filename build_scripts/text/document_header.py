"""The head and foot of documents set line by line: work reports, speeches, 汇报材料 and 述职报告.

Such documents have no blank lines: the title, a ——subtitle, the issuing
body (中共X委员会, X党委), the speaker (中共X旗委书记 X) and a date line stand
on lines of their own above paragraphs that are one long line each.  These
passes cut those short lines out of the block, so the header zone sees them,
and take the issuing body and the speaker's byline into metadata.
"""

from __future__ import annotations

import re

from build_scripts.model import Line, Unit
from build_scripts.text.furniture import BYLINE_RE, _furniture
from build_scripts.text.layout import (
    SHORT_LINE,
    WRAP_MAX_WIDTH,
    column_width,
    edits_on,
    ends_sentence,
    width,
)

ISSUING_BODY_RE = re.compile(
    r"^(?P<issuer>(?:中共|中国共产党)?[\u4e00-\u9fff]{2,24}?"
    r"(?:委员会(?:组织部|办公室|宣传部)?|党工委|党委(?:组织部|办公室)?|党组|委组织部|组织部|纪委|党支部|"
    r"党总支|支部委员会|市委|旗委|县委|盟委|区委|工委))$")


def _short(line: Line) -> bool:
    return len(line.text) <= SHORT_LINE and not ends_sentence(line.text)


DISPLAY_MAX = 6              # lines: a block of display lines (masthead to byline) is no longer than this
SUBTITLE_DASH_RE = re.compile(r"^(?:——|－－|--|—)")


def mark_line_per_paragraph(units: list[Unit]) -> list[Unit]:
    """Remember which blocks are set line by line (a paragraph per line, no blank lines between).

    Two or more lines too long for any hard-wrapped column show it; every
    short line of such a block is then a display line of its own (title,
    subtitle, issuer, date), never half of a wrapped title.
    """
    for unit in units:
        if unit.kind == "text" and sum(width(line.text) > WRAP_MAX_WIDTH for line in unit.lines) >= 2:
            unit.fields["line_per_paragraph"] = True
    return units


def _wrapped(lines: list[Line]) -> bool:
    """Lines cut at one column (most as wide as the column), or more lines than a header has: wrapped text."""
    widths = [width(line.text) for line in lines]
    column = column_width(widths)
    return len(lines) > DISPLAY_MAX or (
        len(lines) >= 3 and column >= 20 and sum(w >= column - 4 for w in widths[:-1]) >= 0.6 * (len(lines) - 1))


def header_lines_of_blocks(units: list[Unit]) -> list[Unit]:
    """Short lines at the head or foot of a line-by-line block, or in a block of display lines, stand alone.

    In a block set line by line the leading and trailing short lines that
    end no sentence are title, subtitle, issuer, byline and date lines.  A
    block of three or more short lines (kicker, title, subtitle) is display
    lines too, and so is a line opening with a dash (——在…上的讲话), a block
    whose lines stood between furniture lines (a copied web page), and two
    lines whose first is a whole headline (锡林郭勒：…).  Other blocks of two
    short lines are a title wrapped over two lines and stay whole.
    """
    out = []
    for unit in units:
        lines = unit.lines
        if unit.kind != "text" or len(lines) < 2:
            out.append(unit)
            continue
        head = 0
        while head < len(lines) and _short(lines[head]):
            head += 1
        foot = len(lines)
        while foot > head and _short(lines[foot - 1]):
            foot -= 1
        all_short = head == len(lines)
        marked = (unit.fields.get("line_per_paragraph") or (unit.fields.get("display_lines") and not _wrapped(lines))
                  or any(SUBTITLE_DASH_RE.match(line.text) for line in lines[1:])
                  or (len(lines) == 2 and all_short and re.search("[：:]", lines[0].text)))
        display = marked or (len(lines) >= 3 and all_short and not _wrapped(lines))
        if not display or (not all_short and max(width(line.text) for line in lines) <= WRAP_MAX_WIDTH):
            out.append(unit)
            continue
        body = [] if all_short else [lines[head:foot]]
        pieces = [[line] for line in lines[:head]] + body + [[line] for line in lines[foot:]]
        for n, piece in enumerate(pieces):
            out.append(Unit("text", piece, unit.gap_before if n == 0 else 0, fields=dict(unit.fields),
                            edits=edits_on(unit.edits, piece)))
    return out


def _body_started(units: list[Unit], index: int) -> bool:
    return any(u.kind == "text" and (len(u.lines) >= 3 or any(ends_sentence(line.text) for line in u.lines))
               for u in units[:index])


def issuers_and_speakers(units: list[Unit]) -> list[Unit]:
    """A lone line naming a Party body (中共X委员会) is the issuer; a lone office-and-name line is the speaker.

    Only lines before the body or after it count: inside the text such a
    line would be a heading.  The speaker (``中共正蓝旗委书记 阿拉坦``) is the
    author, with the office; the issuing body is the issuer.
    """
    last_body = max((i for i, u in enumerate(units) if u.kind == "text" and any(
        ends_sentence(line.text) for line in u.lines)), default=-1)
    out = []
    for index, unit in enumerate(units):
        alone = unit.kind == "text" and len(unit.lines) == 1
        outside = not _body_started(units, index) or index > last_body
        text = unit.lines[0].text if alone else ""
        if alone and outside and (m := ISSUING_BODY_RE.match(text)):
            issuer = _furniture("issuing_body", unit.lines, "issuing_body", issuer=m.group("issuer"))
            issuer.gap_before, issuer.edits = unit.gap_before, unit.edits + issuer.edits
            out.append(issuer)
        elif alone and not _body_started(units, index) and (m := BYLINE_RE.match(text)):
            speaker = _furniture("author_line", unit.lines, "office_byline", office=m.group("office"),
                                 people=[(m.group("name"), "author")])
            speaker.gap_before, speaker.edits = unit.gap_before, unit.edits + speaker.edits
            out.append(speaker)
        else:
            out.append(unit)
    return out


STRUCTURE_RULES = {
    "issuing_body": "Moved the issuing body's line (中共X委员会, X党委) out of the text into metadata.",
    "office_byline": "Moved the speaker's office-and-name line out of the text into the authors.",
}
