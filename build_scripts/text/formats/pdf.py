"""PDFs with a text layer: lines as printed, with their pages, without the running headers, page numbers and masthead.

pdfplumber (on pdfminer.six) gives every character with its position, font
and size.  Lines are rebuilt from the characters (a wide gap, as between an
issuing office and its date, becomes ideographic spaces); what every page
repeats in its margins (a running header, a page number) is furniture; the
masthead of a bulletin above the rule on its first page (name, issue,
compiler, date) is evidence.  Lines keep their hard wraps, each paragraph
(by its indent, its short last line or a wider gap) a block of its own, so
the existing rules join the wraps; a heading (a larger size or another
font) is marked with its level.  A page break is a blank line, where the
page-break rule joins a sentence that runs on.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.errors import SeedError
from build_scripts.model import Dropped, Evidence, Extraction
from build_scripts.text.formats.common import (
    HEADING_NOTE,
    Block,
    compose,
    find_date,
    map_radicals,
    quiet,
    radical_note,
    tool_label,
)
from build_scripts.text.layout import ends_sentence, join_pieces, width

MARGIN = 0.10            # of the page's height: where running headers and footers stand
WIDE_GAP = 0.8           # em: a gap this wide between characters is spacing (ideographic spaces), not kerning
WORD_GAP = 0.2           # em: a gap this wide is a space between words
HEADING_SIZE = 1.15      # × the body size: a line this large is a heading
HEADING_MAX = 40         # characters: a line in another font is a heading only if no longer
PAGE_NUMBER_RE = re.compile(r"^(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
ISSUE_RE = re.compile(r"^(?:总)?第\s*[\d一二三四五六七八九十〇]+\s*期(?:\s*[（(]总第\s*\d+\s*期[)）])?$")
COMPILER_RE = re.compile(r"^(?P<issuer>.+?)(?:编印|主办|编|印)$")
SCAN_FIX = ("run OCR on it first (for example `ocrmypdf -l chi_sim IN.pdf OUT.pdf`) and put the OCR'd PDF, "
            "or the text as a .txt seed, in seeds/")


@dataclass(eq=False)
class PdfLine:
    """One printed line: its text as shown, where it stands and in what font and size (compared by identity)."""

    text: str
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    font: str


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)
    pictures: int = 0
    rules: list[float] = field(default_factory=list)


def extract_pdf(path: Path, raw: bytes) -> tuple[str, Extraction]:
    record = Extraction("pdf", tool_label("pdf"), notes=[HEADING_NOTE])
    radicals: dict[str, int] = {}
    pages, info = read_pages(path, raw, radicals)
    check_text_layer(path, pages)
    lines = [line for page in pages for line in page.lines]
    running = running_furniture(pages)
    record.dropped += [Dropped(kind, line.text, f"page {line.page}") for line, kind in running.items()]
    masthead = masthead_lines(pages[0], running)
    record.dropped += [Dropped("masthead", line.text, "page 1, above the rule") for line in masthead]
    record.evidence += masthead_evidence(masthead)
    body = [line for line in lines if line not in running and line not in masthead]
    blocks = layout_blocks(body, pages, record)
    record.evidence += info_evidence(info)
    record.notes += radical_note(radicals)
    if info.get("Producer") or info.get("Creator"):
        record.notes.append("made by " + " / ".join(str(info[k]) for k in ("Producer", "Creator") if info.get(k)))
    text, record.pages = compose(blocks)
    return text, record


def read_pages(path: Path, raw: bytes, radicals: dict[str, int]) -> tuple[list[PdfPage], dict]:
    """Every page's lines, pictures and horizontal rules; a locked or damaged file stops with its fix."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with quiet("pdfminer", "pdfplumber"), pdfplumber.open(io.BytesIO(raw)) as pdf:
            pages = [_page(page, radicals) for page in pdf.pages]
            info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise SeedError(path, "is password-protected (it cannot be opened without its password)",
                            "open it with its password and save or print an unprotected copy as PDF") from exc
        raise SeedError(path, f"is not a readable PDF ({type(cause).__name__}: {cause})",
                        "save or print the document to PDF again; if it will not open, get a fresh copy") from exc
    except PSException as exc:
        raise SeedError(path, f"is not a readable PDF ({type(exc).__name__}: {exc})",
                        "save or print the document to PDF again; if it will not open, get a fresh copy") from exc
    if not pages:
        raise SeedError(path, "has no pages", "get a complete copy of the PDF")
    return pages, info


def _page(page, radicals: dict[str, int]) -> PdfPage:
    found = PdfPage(page.page_number, float(page.width), float(page.height), pictures=len(page.images))
    for row in page.extract_text_lines(return_chars=True, strip=True):
        chars = [c for c in row["chars"] if c["text"].strip()]
        if not chars:
            continue
        text = map_radicals(_line_text(chars), radicals)
        sizes = Counter(round(c["size"] * 2) / 2 for c in chars)
        fonts = Counter(c["fontname"].split("+", 1)[-1] for c in chars)
        found.lines.append(PdfLine(text, page.page_number, float(row["top"]), float(row["bottom"]),
                                   float(chars[0]["x0"]), float(chars[-1]["x1"]),
                                   sizes.most_common(1)[0][0], fonts.most_common(1)[0][0]))
    for shape in list(page.rects) + list(page.lines):
        if abs(shape["bottom"] - shape["top"]) <= 4 and shape["width"] >= page.width / 2:
            found.rules.append(float(shape["top"]))
    return found


def _line_text(chars: list[dict]) -> str:
    """Characters joined as printed: a wide gap is ideographic spaces, a word space between Latin letters or digits a space.

    Chinese has no word spaces: a narrower gap between two Han characters is
    letter-spacing (a masthead's 组 织 工 作), never text.
    """
    text = chars[0]["text"]
    for before, char in zip(chars, chars[1:]):
        em = max(before["size"], 1)
        gap = (char["x0"] - before["x1"]) / em
        if gap >= WIDE_GAP:
            text += "\u3000" * max(2, round(gap))
        elif gap >= WORD_GAP and not (width(before["text"]) == 2 and width(char["text"]) == 2):
            text += " "
        text += char["text"]
    return text


def check_text_layer(path: Path, pages: list[PdfPage]) -> None:
    """A scan has pictures and no text layer: it needs OCR first; so does a document with scanned pages."""
    scanned = [p.number for p in pages if not p.lines and p.pictures]
    if len(scanned) == len(pages) or not any(p.lines for p in pages):
        raise SeedError(path, "has no text layer (its pages are pictures, as a scan is): it needs OCR first", SCAN_FIX)
    if scanned:
        listed = ", ".join(map(str, scanned))
        raise SeedError(path, f"has pages without a text layer (pages {listed} are pictures, as scans are), "
                              "so their text would be lost", SCAN_FIX, where=f"pages {listed}")


def _repeat_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s", "", text))


def running_furniture(pages: list[PdfPage]) -> dict[PdfLine, str]:
    """Lines in the top or bottom margin that are page numbers or that other pages repeat (digits aside)."""
    margins = [(line, page) for page in pages for line in page.lines
               if line.bottom <= page.height * MARGIN or line.top >= page.height * (1 - MARGIN)]
    seen: dict[str, set[int]] = {}
    for line, page in margins:
        seen.setdefault(_repeat_key(line.text), set()).add(page.number)
    found = {}
    for line, page in margins:
        if PAGE_NUMBER_RE.match(line.text):
            found[line] = "page number"
        elif len(seen[_repeat_key(line.text)]) >= 2:
            found[line] = "running header" if line.bottom <= page.height * MARGIN else "running footer"
    return found


def masthead_lines(page: PdfPage, running: dict[PdfLine, str]) -> list[PdfLine]:
    """A bulletin's masthead: the first page's lines above a rule drawn across its upper half (below the margin)."""
    rules = [top for top in page.rules if page.height * MARGIN < top <= page.height / 2]
    if not rules:
        return []
    above = [line for line in page.lines if line.bottom <= min(rules) and line not in running]
    return above if len(above) < len(page.lines) - len(running) else []


def masthead_evidence(lines: list[PdfLine]) -> list[Evidence]:
    """Name (the largest line), issue (第12期), compiler (…编) and date, as the masthead states them."""
    if not lines:
        return []
    shown = " / ".join(re.sub(r"\s+", " ", line.text) for line in lines)
    basis = f"the masthead above the rule on page 1 “{shown}”"
    name = max(lines, key=lambda line: line.size)
    evidence = [Evidence("publication", re.sub(r"\s", "", name.text), basis, "stated")]
    for line in lines:
        if line is name:
            continue
        for part in re.split(r"\u3000+|\s{2,}", line.text):
            date = find_date(part)
            if ISSUE_RE.match(part.replace(" ", "")):
                evidence.append(Evidence("issue", part, basis, "stated"))
            elif date:
                evidence.append(Evidence("date", date[0], basis, "stated"))
            elif m := COMPILER_RE.match(part.strip()):
                evidence.append(Evidence("issuer", m.group("issuer"), basis, "stated"))
    return evidence


def info_evidence(info: dict) -> list[Evidence]:
    """The document information the PDF writer filled in: evidence that needs the text's support."""
    evidence = []
    if info.get("Title", "").strip():
        evidence.append(Evidence("title", info["Title"].strip(), "the PDF's document information (Title)", "property"))
    if info.get("Author", "").strip():
        evidence.append(Evidence("author", info["Author"].strip(), "the PDF's document information (Author)",
                                 "property", "author"))
    if m := re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get("CreationDate", "")):
        evidence.append(Evidence("date", "-".join(m.groups()),
                                 f"the PDF's document information (CreationDate {info['CreationDate']})", "property"))
    return evidence


@dataclass
class Column:
    """The body text's measure: its font and size, left and right edges, and line pitch."""

    font: str
    size: float
    left: float
    right: float
    pitch: float


def body_column(lines: list[PdfLine]) -> Column:
    weight = Counter()
    for line in lines:
        weight[(line.font, line.size)] += len(line.text)
    font, size = weight.most_common(1)[0][0]
    body = [line for line in lines if (line.font, line.size) == (font, size)]
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    right = max(round(line.x1) for line in body)
    steps = sorted(b.top - a.top for a, b in zip(body, body[1:]) if a.page == b.page and b.top > a.top)
    return Column(font, size, left, right, steps[len(steps) // 2] if steps else size * 1.5)


def heading_levels(lines: list[PdfLine], column: Column) -> dict[PdfLine, int]:
    """Lines set larger than the body are headings by size (largest first); short lines in another font are the next level."""
    larger = sorted({line.size for line in lines if line.size >= column.size * HEADING_SIZE}, reverse=True)
    levels = {}
    for line in lines:
        if line.size in larger:
            levels[line] = larger.index(line.size) + 1
        elif (line.font != column.font and line.size >= column.size * 0.9 and len(line.text) <= HEADING_MAX
              and not ends_sentence(line.text)):
            levels[line] = len(larger) + 1
    return levels


def layout_blocks(lines: list[PdfLine], pages: list[PdfPage], record: Extraction) -> list[Block]:
    """Headings (wrapped ones joined) and paragraphs of hard-wrapped lines, each in its page."""
    column = body_column(lines)
    levels = heading_levels(lines, column)
    blocks: list[Block] = []
    previous: PdfLine | None = None
    joined = 0
    for line in lines:
        level = levels.get(line)
        last = blocks[-1] if blocks else None
        same_heading = (level and last is not None and last.kind == "heading" and last.level == level
                        and previous is not None and previous.page == line.page
                        and (previous.font, previous.size) == (line.font, line.size)
                        and line.top - previous.top <= line.size * 2)
        if same_heading:
            last.text = join_pieces(last.text, line.text)
            joined += 1
        elif level:
            blocks.append(Block("heading", line.text, level, page=line.page))
        elif last is not None and last.kind == "lines" and _continues(previous, line, column):
            last.lines.append(line.text)
        else:
            blocks.append(Block("lines", lines=[line.text], page=line.page))
        previous = line
    if joined:
        record.notes.append(f"headings printed over two or more lines were joined into one ({joined} line breaks)")
    return blocks


def _continues(previous: PdfLine, line: PdfLine, column: Column) -> bool:
    """The line carries on the paragraph above: same page, no indent, no wider gap, the line above full."""
    em = column.size
    return (previous.page == line.page and line.x0 < column.left + em / 2
            and line.top - previous.top <= column.pitch * 1.4 and previous.x1 >= column.right - em * 1.5
            and (line.font, line.size) == (previous.font, previous.size))
