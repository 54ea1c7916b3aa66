"""Layout measures the structure passes share: display width, sentence ends, joining pieces of a line.

A leaf of the text stage: no pass, only the small facts about Chinese
typesetting that several passes read.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from build_scripts.model import Edit, Line

SENTENCE_END = "。！？；!?;…"


CLAUSE_END = SENTENCE_END + "，、：,:"


CLOSERS = "”’）)》」』"


BLANK = " \t\u3000\xa0"


def width(text: str) -> int:
    """Display width in columns: Han and full-width characters take two.

    Curly quotation marks are East Asian "ambiguous"; the seeds' columns
    show them set half-width (a full line with four of them is as wide as
    one without), so they count one.
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _last(text: str) -> str:
    stripped = text.rstrip(BLANK + CLOSERS)
    return stripped[-1] if stripped else ""


def ends_sentence(text: str) -> bool:
    return bool(_last(text)) and _last(text) in SENTENCE_END


def ends_clause(text: str) -> bool:
    return bool(_last(text)) and _last(text) in CLAUSE_END


def join_pieces(left: str, right: str) -> str:
    """Join two pieces of one sentence: no space, except between Latin words."""
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return left + " " + right
    return left + right


def join_record(rule: str, left: str, right: str, separator: str, line: int | None = None) -> Edit:
    """An edit showing a join with a little context on each side."""
    before = left[-8:] + separator + right[:8]
    return Edit(rule, before, join_pieces(left[-8:], right[:8]), line=line)


def edits_on(edits: list[Edit], lines: list[Line]) -> list[Edit]:
    """The edits made on these lines: they travel with the lines when a block is cut up."""
    numbers = {line.number for line in lines}
    return [edit for edit in edits if edit.line in numbers]


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at separators that are not inside （…） or (…)."""
    pieces, current, depth = [], "", 0
    for ch in text:
        depth += ch in "（("
        depth -= ch in "）)"
        if ch in separators and depth <= 0:
            pieces.append(current)
            current = ""
        else:
            current += ch
    return [p.strip(BLANK) for p in pieces + [current] if p.strip(BLANK)]


WRAP_MAX_WIDTH = 64          # display columns: a line this narrow or less may be a hard wrap
SHORT_LINE = 40              # characters: a line no longer than this may be a heading or title


def column_width(widths: list[int]) -> int:
    """A wrapped block's column: the most common line width (the last line is usually short).

    The widest line is no guide: a line holding quotation marks or digits
    comes out wider or narrower than the column it was set in.
    """
    counts = Counter(widths[:-1] or widths)
    common, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    return common if count >= 2 else max(widths)
