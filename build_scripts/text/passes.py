"""Split: turn a seed's lines into classified units, and units into reports.

Each structure pass is a small function over the list of units, applied in
the order of :data:`PASSES`.  A pass that changes or moves text records an
:class:`~build_scripts.model.Edit` on the unit it touched, naming itself, so
the report's apparatus can say what was done and why.  No pass knows any
seed's file name: they read layout evidence (blank-line gaps, line widths,
punctuation, bylines) that the next report will have too.
"""

from __future__ import annotations

import re
from typing import Callable

from build_scripts.model import Edit, Line, Seed, Unit
from build_scripts.text.app_furniture import STRUCTURE_RULES as APP_RULES
from build_scripts.text.app_furniture import (
    column_tags,
    end_marks,
    marked_captions,
    outlet_bylines,
    site_names,
    wechat_headers,
)
from build_scripts.text.captions import STRUCTURE_RULES as CAPTION_RULES
from build_scripts.text.captions import (
    credited_captions,
    introduced_captions,
    scene_captions,
    unwrapped_captions,
)
from build_scripts.text.composite import STRUCTURE_RULES as PAGE_RULES
from build_scripts.text.composite import second_headlines
from build_scripts.text.document_header import STRUCTURE_RULES as HEADER_RULES
from build_scripts.text.document_header import (
    header_lines_of_blocks,
    issuers_and_speakers,
    mark_line_per_paragraph,
)
from build_scripts.text.furniture import (
    _explode,
    author_lines,
    bylines,
    credit_lines,
    document_tail,
    page_residue,
)
from build_scripts.text.layout import (
    BLANK,
    CLOSERS,
    SENTENCE_END,
    SHORT_LINE,
    WRAP_MAX_WIDTH,
    column_width,
    edits_on,
    ends_clause,
    ends_sentence,
    join_pieces,
    join_record,
    width,
)
from build_scripts.text.news_furniture import STRUCTURE_RULES as NEWS_RULES
from build_scripts.text.news_furniture import (
    news_furniture_lines,
    news_leads,
    related_links,
    trailing_tags,
)
from build_scripts.text.periodicals import STRUCTURE_RULES as PERIODICAL_RULES
from build_scripts.text.periodicals import author_notes, periodical_furniture
from build_scripts.text.print_pages import STRUCTURE_RULES as PRINT_RULES
from build_scripts.text.print_pages import printed_pages
from build_scripts.text.rules import clean_text, possible_lost_quotes
from build_scripts.text.signed_documents import STRUCTURE_RULES as SIGNATURE_RULES
from build_scripts.text.signed_documents import is_salutation, signature_blocks

FRAGMENT = 16                # characters: a caption fragment is no longer than this
CAPTION_MAX = 80             # characters: a caption is no longer than this
CLUSTER_CAPTION_MAX = 50     # characters: a one-sentence caption next to another caption
TITLE_MAX = 48               # characters: a one-line headline is no longer than this
HEADER_MAX = 4               # units: kicker, title, subtitle and one more at most
BREAK_MARK = "\n"

MD_HEADING_RE = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<text>.+?)[ \t#]*$")
NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")
BANNER_RE = re.compile(r"——|[（(][一二三四五六七八九十百〇零\d]+[)）]$")


# --- passes -----------------------------------------------------------------

def blocks(seed: Seed) -> list[Unit]:
    """Group non-blank lines into blocks, remembering the blank lines before each."""
    units, current, gap = [], [], 0
    for line in seed.lines:
        if line.text.strip(BLANK):
            current.append(line)
            continue
        if current:
            units.append(Unit("text", current, gap))
            current, gap = [], 0
        gap += 1
    if current:
        units.append(Unit("text", current, gap))
    if units:
        units[0].gap_before = 0
    return units


def strip_edge_whitespace(units: list[Unit]) -> list[Unit]:
    """Leading and trailing spaces of a line are layout residue (indents, Markdown hard breaks).

    A trailing double space is remembered as a deliberate line break, because
    in a title block it separates two display lines; a leading indent is
    remembered as a paragraph's first line (see :func:`_unwrap`).
    """
    for unit in units:
        stripped = []
        for line in unit.lines:
            text = line.text.strip(BLANK)
            if text != line.text:
                unit.edits.append(Edit("strip_edge_whitespace", line.text, text, line=line.number))
                if line.text.endswith("  "):
                    unit.fields.setdefault("hard_breaks", set()).add(line.number)
                indent = width(line.text[:len(line.text) - len(line.text.lstrip(BLANK))])
                if indent >= 2 and text:
                    unit.fields.setdefault("indents", {})[line.number] = indent
            stripped.append(Line(line.number, text))
        unit.lines = stripped
    return units


def markdown_headings(units: list[Unit]) -> list[Unit]:
    """Lines marked as Markdown headings (``## 标题``) become headings of that level.

    The marks are structure, not text: they are removed and the level kept.
    Any other Markdown-looking text stays literal text.
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        m = MD_HEADING_RE.match(line.text)
        if not m:
            return None
        return Unit("heading", [line], text=m.group("text"), level=len(m.group("marks")),
                    edits=[Edit("markdown_heading", line.text, m.group("text"))])
    return _explode(units, classify)


def _body_like(unit: Unit) -> bool:
    """Text, not a header line: three lines or more, a sentence end, or a line longer than a headline runs.

    A single line may run to :data:`TITLE_MAX` characters and still be a
    title (web headlines are long); in a block of two, 30 characters a line.
    """
    limit = TITLE_MAX if len(unit.lines) == 1 else 30
    return unit.kind == "text" and (
        len(unit.lines) >= 3 or any(len(line.text) > limit or ends_sentence(line.text) for line in unit.lines))


def header_zone(units: list[Unit]) -> list[Unit]:
    """Short lines before the first body paragraph are the report's header.

    Kicker, title and subtitle come first in a page layout; furniture among
    them (page controls, a date line, a source line) and a photo caption
    above the headline are stepped over; a numbered heading (一、) is text; an
    author line after them closes the header, and so does a fifth line (more
    is text, not a header).  Lines of one block are joined (a title wrapped
    over two lines) unless a Markdown hard break separates them.
    """
    taken = 0
    for unit in units:
        if unit.kind == "furniture" and unit.fields["furniture"] == "author_line" and taken:
            break
        if unit.kind == "furniture" or (unit.kind == "caption" and not taken):
            continue
        numbered = unit.kind == "text" and NUMBERED_RE.match(unit.lines[0].text)
        if unit.kind not in ("heading", "text") or numbered or _body_like(unit) or taken == HEADER_MAX:
            break
        taken += 1
        if unit.kind == "heading":
            unit.kind = "header"
            continue
        unit.kind = "header"
        text, breaks = unit.lines[0].text, unit.fields.get("hard_breaks", set())
        for previous, line in zip(unit.lines, unit.lines[1:]):
            if previous.number in breaks:
                unit.edits.append(join_record("join_title_lines", text, line.text, BREAK_MARK))
                text = text + " " + line.text
            else:
                unit.edits.append(join_record("join_hard_wraps", text, line.text, BREAK_MARK))
                text = join_pieces(text, line.text)
        unit.text = text
    return units


def image_gap_captions(units: list[Unit]) -> list[Unit]:
    """A short block after two or more blank lines is a photo caption.

    Where a picture stood, the text dump keeps a gap of blank lines and then
    the caption.  The caption is taken out of the running text and shown as a
    caption.  Pictures come in clusters: a single short sentence right after
    a caption is the next picture's caption even when the gap was lost —
    unless it completes a sentence left unfinished before the picture.
    """
    previous, body = None, None
    for unit in units:
        text = "".join(line.text for line in unit.lines)
        continuation = (body is not None and not ends_sentence(body.lines[-1].text) and ends_sentence(text))
        gap_caption = (unit.kind == "text" and unit.gap_before >= 2 and len(unit.lines) <= 2
                       and all(len(line.text) <= CAPTION_MAX for line in unit.lines))
        if gap_caption:
            unit.edits.append(Edit("image_gap_caption", text, text))
        elif previous is not None and previous.kind == "caption" and _one_short_sentence(unit) and not continuation:
            unit.edits.append(Edit("caption_cluster", text, text))
        else:
            previous = unit
            if unit.kind == "text":
                body = unit
            continue
        unit.kind, unit.text = "caption", text
        previous = unit
    return units


def _one_short_sentence(unit: Unit) -> bool:
    """A single line of one short sentence: how captions read, and body paragraphs rarely do."""
    if unit.kind != "text" or len(unit.lines) != 1:
        return False
    text = unit.lines[0].text
    return len(text) <= CLUSTER_CAPTION_MAX and ends_sentence(text) and sum(text.count(p) for p in "。！？") == 1


def _fragment(unit: Unit) -> bool:
    return (unit.kind == "text" and len(unit.lines) <= 2
            and all(len(line.text) <= FRAGMENT and not ends_sentence(line.text)
                    and not NUMBERED_RE.match(line.text) for line in unit.lines))


def caption_fragments(units: list[Unit]) -> list[Unit]:
    """Runs of very short unpunctuated blocks are pieces of a garbled caption.

    Captions laid over pictures come out of OCR as scattered fragments
    (``锡林郭勒盟各级党员干部`` … ``为广``).  Fragments following a caption join
    it; a run of three or more becomes a caption of its own.  A numbered
    line (``一、``, ``（二）``, ``3.``) is a heading, never a fragment, and so is
    a lone short line between a caption and a paragraph.  Fragments are kept
    in source order, separated by `` / ``.
    """
    out: list[Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        run_end = i
        while run_end < len(units) and _fragment(units[run_end]):
            run_end += 1
        run = units[i:run_end]
        if len(run) < 3 and run_end < len(units) and _body_like(units[run_end]):
            run = run[:-1]  # a lone short line before a paragraph is its heading
        run_end = i + len(run)
        if run and (len(run) >= 3 or (out and out[-1].kind == "caption")):
            if out and out[-1].kind == "caption":
                target = out[-1]
            else:
                target = Unit("caption", [], run[0].gap_before)
                out.append(target)
            pieces = [target.text] if target.text else []
            for fragment in run:
                pieces += [line.text for line in fragment.lines]
                target.lines = target.lines + fragment.lines
                target.edits += fragment.edits
            before = " / ".join(pieces)
            target.text = before
            target.fields["garbled"] = True
            target.edits.append(Edit("caption_fragments", "\n".join(pieces), before))
            i = run_end
            continue
        out.append(unit)
        i += 1
    return out


def _paragraph(lines: list[Line], gap: int, text: str, edits: list[Edit]) -> Unit:
    return Unit("paragraph", lines, gap, text=text, edits=edits)


def assemble_paragraphs(units: list[Unit]) -> list[Unit]:
    """Hard-wrapped blocks become paragraphs; bare short lines become headings.

    A block whose lines are all narrow (≤ 32 Han characters) is hard-wrapped:
    its lines are joined without spaces, and a paragraph ends only where a
    line ends a sentence and either stops short of the column or is followed
    by a line two characters short of it (the lost first-line indent; a
    block's last line counts only when a page break cut it mid-sentence,
    since a paragraph's last line is short anyway).  In a block of
    long lines each line is a paragraph, and a short line with no sentence
    punctuation is a section heading — unless the seed marks its headings
    with Markdown, in which case bare lines are never headings.
    """
    out = []
    last_text = max((i for i, u in enumerate(units) if u.kind == "text"), default=-1)
    marked = any(u.kind == "heading" for u in units)
    for index, unit in enumerate(units):
        if unit.kind != "text":
            out.append(unit)
            continue
        indents = unit.fields.get("indents", {})
        widths = [width(line.text) + indents.get(line.number, 0) for line in unit.lines]
        if len(unit.lines) >= 2 and max(widths) <= WRAP_MAX_WIDTH:
            out += _unwrap(unit, column_width(widths))
            continue
        for position, line in enumerate(unit.lines):
            edits = edits_on(unit.edits, [line])
            gap = unit.gap_before if position == 0 else 0
            final = index == last_text and position == len(unit.lines) - 1
            if not marked and not final and is_bare_heading(line.text):
                heading = Unit("heading", [line], gap, text=line.text, level=2, edits=edits)
                heading.edits.append(Edit("bare_line_heading", line.text, line.text))
                out.append(heading)
            else:
                out.append(_paragraph([line], gap, line.text, edits))
    return out


def is_bare_heading(text: str) -> bool:
    """A short line with no sentence punctuation in it and no clause punctuation at its end."""
    return (len(text) <= SHORT_LINE and not ends_clause(text)
            and not any(ch in SENTENCE_END for ch in text.rstrip(CLOSERS)))


def _unwrap(unit: Unit, column: int) -> list[Unit]:
    """Join a hard-wrapped block's lines into paragraphs (see :func:`assemble_paragraphs`).

    Where the source kept its first-line indents, an indented line starts a
    paragraph and the indent counts in the line's width; otherwise a lost
    indent shows as a line two characters short of the column.
    """
    indents = unit.fields.get("indents", {})
    paragraphs, lines, text, joins = [], [], "", []
    last = unit.lines[-1]
    following = unit.lines[1:-1] + ([last] if not ends_sentence(last.text) else [None]) + [None]
    for line, next_line in zip(unit.lines, following):
        if lines:
            joins.append(join_record("join_hard_wraps", text, line.text, BREAK_MARK, line.number))
            text = join_pieces(text, line.text)
        else:
            text = line.text
        lines.append(line)
        short = width(line.text) + indents.get(line.number, 0) <= column - 4
        if indents:
            indented = next_line is not None and next_line.number in indents
        else:
            indented = next_line is not None and width(next_line.text) <= column - 4
        if ends_sentence(line.text) and (short or indented):
            paragraphs.append(_paragraph(lines, unit.gap_before if not paragraphs else 0, text,
                                         edits_on(unit.edits + joins, lines)))
            lines, text = [], ""
    if lines:
        paragraphs.append(_paragraph(lines, unit.gap_before if not paragraphs else 0, text,
                                     edits_on(unit.edits + joins, lines)))
    return paragraphs


def join_page_breaks(units: list[Unit]) -> list[Unit]:
    """A paragraph cut mid-sentence by a page or column break is joined to its continuation.

    The break shows as a blank line after text that does not end a sentence
    (``压实苏木乡镇党委抓`` / ``乡促村责任``).  Captions and furniture printed
    inside the break are stepped over; a heading is not, and neither is a
    paragraph that starts the cut one over again (that is a repeat, which
    :func:`remove_repeated_paragraphs` handles).  A salutation (同志们：) ends
    with a colon but is a paragraph of its own: nothing is joined to it.
    """
    out: list[Unit] = []
    open_paragraph: Unit | None = None
    for unit in units:
        restart = open_paragraph is not None and _key(unit.text).startswith(_key(open_paragraph.text))
        if unit.kind == "paragraph" and open_paragraph is not None and not restart:
            open_paragraph.edits.append(
                join_record("join_page_breaks", open_paragraph.text, unit.text,
                            "\n" * (1 + unit.gap_before), unit.lines[0].number))
            open_paragraph.text = join_pieces(open_paragraph.text, unit.text)
            open_paragraph.lines = open_paragraph.lines + unit.lines
            open_paragraph.edits += unit.edits
            if ends_sentence(open_paragraph.text):
                open_paragraph = None
            continue
        out.append(unit)
        if unit.kind == "paragraph":
            open_paragraph = None if ends_sentence(unit.text) or is_salutation(unit.text) else unit
        elif unit.kind not in ("caption", "furniture"):
            open_paragraph = None
    return out


def clean_units(units: list[Unit]) -> list[Unit]:
    """Apply the text rules of :mod:`build_scripts.text.rules` to every displayed unit."""
    for unit in units:
        if unit.kind in ("paragraph", "heading", "caption", "header", "byline"):
            kind = "heading" if unit.kind in ("header", "byline") else unit.kind
            unit.text, records = clean_text(unit.text, kind)
            unit.edits += [Edit(rule, before, after) for rule, before, after in records]
    return units


def _key(text: str) -> str:
    return re.sub(r"\s", "", text)


def remove_repeated_paragraphs(units: list[Unit]) -> list[Unit]:
    """A paragraph printed twice (or once whole and once truncated) is kept once.

    Layout tools repeat a paragraph across a page jump.  The longer copy is
    kept where it first appears; the other copy is recorded in full in the
    edit log, which is where its characters remain accounted for.
    """
    kept: list[Unit] = []
    for unit in units:
        if unit.kind == "byline":
            kept = []  # a byline starts another report: its text is never a repeat of this one's
        if unit.kind != "paragraph" or len(_key(unit.text)) < 20:
            continue
        key = _key(unit.text)
        twin = next((k for k in kept if _key(k.text).startswith(key) or key.startswith(_key(k.text))), None)
        if twin is None:
            kept.append(unit)
            continue
        shorter, longer = (unit, twin) if len(key) <= len(_key(twin.text)) else (twin, unit)
        twin.edits.append(Edit("remove_repeated_paragraph", shorter.text, "", discarded=True))
        if shorter is twin:
            twin.text, twin.lines = unit.text, twin.lines + unit.lines
        twin.lines = sorted(set(twin.lines + unit.lines), key=lambda line: line.number)
        twin.edits += unit.edits
        unit.kind = "dropped"
    return [u for u in units if u.kind != "dropped"]


def flag_lost_quotes(units: list[Unit]) -> list[Unit]:
    """Flag spaces that probably stand for lost quotation marks (see :func:`clean.possible_lost_quotes`)."""
    for unit in units:
        if unit.kind in ("paragraph", "heading", "caption", "header"):
            kind = "heading" if unit.kind == "header" else unit.kind
            unit.fields["lost_quotes"] = possible_lost_quotes(unit.text, kind)
    return units


PASSES: list[Callable[[list[Unit]], list[Unit]]] = [
    strip_edge_whitespace,
    mark_line_per_paragraph,
    document_tail,
    page_residue,
    printed_pages,
    markdown_headings,
    credit_lines,
    periodical_furniture,
    related_links,
    news_furniture_lines,
    wechat_headers,
    site_names,
    column_tags,
    news_leads,
    end_marks,
    trailing_tags,
    credited_captions,
    introduced_captions,
    marked_captions,
    unwrapped_captions,
    outlet_bylines,
    author_lines,
    author_notes,
    signature_blocks,
    bylines,
    header_lines_of_blocks,
    issuers_and_speakers,
    header_zone,
    image_gap_captions,
    caption_fragments,
    scene_captions,
    assemble_paragraphs,
    second_headlines,
    join_page_breaks,
    clean_units,
    remove_repeated_paragraphs,
    flag_lost_quotes,
]


STRUCTURE_RULES = {
    **NEWS_RULES, **APP_RULES, **CAPTION_RULES, **HEADER_RULES, **PERIODICAL_RULES, **SIGNATURE_RULES, **PRINT_RULES,
    **PAGE_RULES,
    "strip_edge_whitespace": "Removed spaces at the start or end of a line (indents, hard-break marks).",
    "distribution_list": "Moved a distribution list (报：/发：/挂：) out of the text into metadata.",
    "issuing_line": "Moved the issuing office and date line out of the text into metadata.",
    "document_tail": "Moved other end-of-document furniture out of the text.",
    "page_residue": "Moved word-processor residue (PAGE field, bare page number) out of the text.",
    "markdown_heading": "Read a Markdown heading mark (#) as a heading of that level; the mark is not text.",
    "credit_line": "Moved a credit line (本版图文由…提供) out of the text into metadata.",
    "author_line": "Moved an author line (□姓名) out of the text into the authors.",
    "byline": "Moved an office-and-name byline out of the text into the authors.",
    "join_title_lines": "Joined the display lines of a title with a space.",
    "join_hard_wraps": "Joined a line broken by a hard wrap, without inserting a space.",
    "image_gap_caption": "Took a photo caption (a short block after a picture gap) out of the running text.",
    "caption_cluster": "Took a one-sentence caption printed right after another caption out of the running text.",
    "caption_fragments": "Gathered scattered fragments of a garbled caption into one caption.",
    "bare_line_heading": "Recognised a bare short line as a section heading.",
    "join_page_breaks": "Joined a paragraph cut mid-sentence by a page or column break.",
    "remove_repeated_paragraph": "Removed a paragraph printed twice (or once truncated); the copy is kept here.",
}


def structure(seed: Seed) -> list[Unit]:
    """Run every structure pass over a seed, in order."""
    units = blocks(seed)
    for step in PASSES:
        units = step(units)
    return units


# --- composite seeds ----------------------------------------------------------


