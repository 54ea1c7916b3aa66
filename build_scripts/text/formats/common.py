"""What the readers share: writing blocks as the text the passes read, dates as printed, radicals, log noise.

The passes already read a layout: blocks apart by a blank line, a heading
marked ``#`` with its level, a caption after a picture's gap of two blank
lines, hard-wrapped lines inside a block.  A reader that finds structure in
a document (a Word heading style, an ``<h2>``, a PDF's bold line) writes it
in that layout, so the same rules make the report.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from build_scripts.text.layout import BLANK

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

#: The libraries each reader uses, by distribution name: their versions are recorded and key the cache.
TOOLS = {
    "html": ("trafilatura", "htmldate", "lxml"),
    "docx": ("python-docx",),
    "pdf": ("pdfplumber", "pdfminer.six"),
}


def tool_label(kind: str) -> str:
    """``trafilatura 2.3.1, htmldate 1.11.0, lxml 6.1.3``: what the apparatus names as the extraction's tools."""
    return ", ".join(f"{name} {_version(name)}" for name in TOOLS[kind])


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(not installed)"


HEADING_NOTE = ("headings are written as Markdown marks (# for the title, ## and deeper for sections), "
                "so the structure passes read their levels")


@dataclass
class Block:
    """A piece of a document on its way into the text: a heading, a header line, a paragraph, a caption or wrapped lines."""

    kind: str
    text: str = ""
    level: int = 0
    lines: list[str] = field(default_factory=list)
    page: int | None = None

    def rendered(self) -> list[str]:
        if self.kind == "heading":
            return ["#" * self.level + " " + self.text]
        if self.kind == "lines":
            return list(self.lines)
        return [self.text]


def compose(blocks: list[Block]) -> tuple[str, list[tuple[int, int]]]:
    """The text of ``blocks`` and, where they carry pages, each page's span of lines.

    Blocks stand apart by one blank line; a caption by two, the gap a
    picture leaves in a text dump, which the caption rule reads.
    """
    lines: list[str] = []
    spans: dict[int, list[int]] = {}
    for block in blocks:
        if lines:
            lines += [""] * (2 if block.kind == "caption" else 1)
        first = len(lines) + 1
        lines += block.rendered()
        if block.page is not None:
            span = spans.setdefault(block.page, [first, len(lines)])
            span[1] = len(lines)
    return "\n".join(lines) + "\n", [tuple(spans[page]) for page in sorted(spans)]


def clean_line(text: str) -> str:
    """A line as displayed: inner runs of spaces kept, edges (indents, trailing spaces) stripped."""
    return text.strip(BLANK + "\r\n")


CN_DIGIT = dict(zip("〇零○Ｏ一二三四五六七八九", [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))
DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年|[-/.])\s*(?P<m>\d{1,2})\s*(?:月|[-/.])"
                     r"\s*(?P<d>\d{1,2})(?!\d)\s*日?|(?<!\d)(?P<y2>(?:19|20)\d{2})年(?P<m2>\d{1,2})月(?!\d)")
CN_DATE_RE = re.compile("(?P<y>[〇零○Ｏ一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月"
                        "(?:(?P<d>[一二三四五六七八九十]{1,3})日)?")


def _cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31."""
    if "十" not in text:
        return CN_DIGIT[text]
    tens, _, units = text.partition("十")
    return (CN_DIGIT[tens] if tens else 1) * 10 + (CN_DIGIT[units] if units else 0)


def find_date(text: str) -> tuple[str, str] | None:
    """The first date printed in ``text`` as EDTF, with the words it was read from.

    >>> find_date("中共某旗委组织部　2020年12月15日")
    ('2020-12-15', '2020年12月15日')
    >>> find_date("二〇二〇年十二月十五日")
    ('2020-12-15', '二〇二〇年十二月十五日')
    >>> find_date("2021-06-18 09:30 来源：北疆党建网")
    ('2021-06-18', '2021-06-18')
    >>> find_date("二〇一九年五月")
    ('2019-05', '二〇一九年五月')
    >>> find_date("第12期") is None
    True
    """
    found = []
    if m := DATE_RE.search(text):
        if m.group("y"):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            edtf = f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
        else:
            y, mo = int(m.group("y2")), int(m.group("m2"))
            edtf = f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None
        if edtf:
            found.append((m.start(), edtf, m.group(0).strip()))
    if m := CN_DATE_RE.search(text):
        year = int("".join(str(CN_DIGIT[ch]) for ch in m.group("y")))
        month = _cn_number(m.group("m"))
        edtf = f"{year:04d}-{month:02d}"
        if m.group("d"):
            edtf += f"-{_cn_number(m.group('d')):02d}"
        if 1 <= month <= 12:
            found.append((m.start(), edtf, m.group(0)))
    if not found:
        return None
    _, edtf, words = min(found)
    return edtf, words


@functools.lru_cache(maxsize=1)
def equivalent_ideographs() -> dict[str, str]:
    """Kangxi and CJK radicals → the unified ideograph they look like (Unicode's EquivalentUnifiedIdeograph.txt).

    PDF writers often map a glyph shared by 工 and the radical ⼯ to the
    radical's code point, so the text layer reads ⼯作 where the page shows
    工作; the mapping undoes that.
    """
    table = {}
    for line in (DATA_DIR / "EquivalentUnifiedIdeograph.txt").read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        codes, target = (part.strip() for part in entry.split(";"))
        first, _, last = codes.partition("..")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            table[chr(code)] = chr(int(target, 16))
    return table


def map_radicals(text: str, counts: dict[str, int]) -> str:
    """``text`` with radicals replaced by their ideographs; ``counts`` collects what was replaced."""
    table = equivalent_ideographs()
    if not any(ch in table for ch in text):
        return text
    for ch in text:
        if ch in table:
            counts[ch] = counts.get(ch, 0) + 1
    return "".join(table.get(ch, ch) for ch in text)


def radical_note(counts: dict[str, int]) -> list[str]:
    if not counts:
        return []
    table = equivalent_ideographs()
    shown = "、".join(f"{ch}→{table[ch]} ×{n}" for ch, n in sorted(counts.items()))
    return [f"{sum(counts.values())} characters of the text layer were radicals standing for the ideographs "
            f"the page shows, and were read as those ideographs ({shown})"]


@contextlib.contextmanager
def quiet(*names: str):
    """Silence the libraries' own warnings (a PDF font without a bounding box): what matters is reported by us."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
