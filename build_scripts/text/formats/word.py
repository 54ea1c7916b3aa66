"""Word documents (.docx): paragraphs, headings and their levels from the document's structure (python-docx).

Word knows what a text dump loses: where each paragraph ends, which are
headings (a heading style or an outline level) and at what level, which
paragraph is the title, which lines are right-aligned at the end (the
signature block, 落款: issuing office and date).  The reader writes the
paragraphs apart, the headings with their levels marked, and moves the
signature block, page headers and footers out of the text into the
extraction record; the core properties (title, author, created) are
evidence only, since Word fills them from the account and the template.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from build_scripts.errors import SeedError
from build_scripts.model import Dropped, Evidence, Extraction
from build_scripts.text.formats.common import HEADING_NOTE, Block, clean_line, compose, find_date, tool_label
from build_scripts.text.layout import ends_sentence, join_pieces

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SHORT = 40               # characters: a title, heading or signature line is no longer than this
SIGNATURE_INDENT = 4     # spaces: a closing line pushed right with this many spaces is aligned right by hand
CAPTION_MAX = 80
RESAVE = "open it in Word, WPS or LibreOffice and save it as a Word document (.docx)"


@dataclass
class Paragraph:
    """One paragraph of the document with what its structure says about it."""

    text: str
    level: int | None = None       # 0 for the Title style, N for Heading N or outline level N-1
    align: str = ""                # "center", "right" or ""
    bold: bool = False
    picture: bool = False
    caption_style: bool = False
    subtitle_style: bool = False
    numbered: bool = False
    indent: int = 0


def extract_document(path: Path, raw: bytes) -> tuple[str, Extraction]:
    document = open_document(path, raw)
    record = Extraction("docx", tool_label("docx"), notes=[HEADING_NOTE])
    paragraphs = read_paragraphs(document, record)
    record.dropped += page_furniture(document)
    paragraphs = signature_block(paragraphs, record)
    blocks = document_blocks(paragraphs, record)
    record.evidence += core_evidence(document)
    text, _ = compose(blocks)
    return text, record


def open_document(path: Path, raw: bytes):
    """The document, or a clear error: a renamed .doc, a password, a damaged file, another kind of file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if raw.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in raw:
            raise SeedError(path, "is password-protected (an encrypted Word document)",
                            "open it with its password in Word and save an unprotected copy (.docx)")
        kind = "a Word 97–2003 .doc (or WPS) file" if "WordDocument".encode("utf-16-le") in raw else \
            "an old binary Office file, not a Word document"
        raise SeedError(path, f"is {kind} renamed to .docx", RESAVE)
    if raw.startswith(b"{\\rtf"):
        raise SeedError(path, "is an RTF file renamed to .docx", RESAVE)
    try:
        return docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        problem = str(exc) if "content type" in str(exc) else "the file is damaged or is not a Word document"
        raise SeedError(path, f"cannot be read as a Word document ({problem})",
                        f"{RESAVE}; if Word cannot open it either, get a fresh copy") from exc


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _outline_level(paragraph) -> int | None:
    """Heading N, or a paragraph or style with outline level N-1; the Title style is 0."""
    for style in _style_chain(paragraph.style):
        name = (style.name or "").lower()
        if name == "title":
            return 0
        if m := re.fullmatch(r"heading (\d)", name):
            return int(m.group(1))
    for element in [paragraph._p] + [s.element for s in _style_chain(paragraph.style)]:
        value = element.xpath("./w:pPr/w:outlineLvl/@w:val")
        if value and value[0].isdigit() and int(value[0]) < 9:
            return int(value[0]) + 1
    return None


def _alignment(paragraph) -> str:
    align = paragraph.alignment
    for style in _style_chain(paragraph.style):
        if align is not None:
            break
        align = style.paragraph_format.alignment
    name = str(align).lower() if align is not None else ""
    return "center" if "center" in name else "right" if "right" in name else ""


def _bold(paragraph) -> bool:
    """Every run with text is bold, by its own format, its character style or the paragraph's style."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_bold = any(style.font.bold for style in _style_chain(paragraph.style))

    def bold(run):
        return run.bold if run.bold is not None else (run.style.font.bold if run.style is not None
                                                       and run.style.font.bold is not None else style_bold)
    return bool(runs) and all(bold(run) for run in runs)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SKIPPED = {W + "txbxContent", W + "del", W + "moveFrom"}   # text boxes are recorded apart; deletions are not text


def paragraph_text(element) -> str:
    """All the text Word shows in a paragraph: runs, hyperlinks, tracked insertions, fields and content controls.

    python-docx's ``Paragraph.text`` reads runs and hyperlinks only, so a
    tracked insertion or a field's result would be lost in silence.
    """
    pieces = []

    def walk(node):
        for child in node:
            if child.tag in SKIPPED:
                continue
            if child.tag == W + "t":
                pieces.append(child.text or "")
            elif child.tag == W + "tab":
                pieces.append(" ")
            elif child.tag in (W + "br", W + "cr"):
                pieces.append("\n")
            walk(child)
    walk(element)
    return "".join(pieces)


def body_items(container, parent):
    """Paragraphs and tables in document order, those inside content controls (``w:sdt``) too."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    for child in container:
        if child.tag == W + "p":
            yield DocxParagraph(child, parent)
        elif child.tag == W + "tbl":
            yield Table(child, parent)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from body_items(content, parent)


def _paragraph(paragraph) -> Paragraph:
    raw_text = paragraph_text(paragraph._p)
    names = {(s.name or "").lower() for s in _style_chain(paragraph.style)}
    return Paragraph(
        text=raw_text, level=_outline_level(paragraph), align=_alignment(paragraph), bold=_bold(paragraph),
        picture=bool(paragraph._p.xpath(".//w:drawing | .//w:pict")),
        caption_style="caption" in names, subtitle_style="subtitle" in names,
        numbered=bool(paragraph._p.xpath("./w:pPr/w:numPr")),
        indent=len(raw_text) - len(raw_text.lstrip(" \u3000")))


def read_paragraphs(document, record: Extraction) -> list[Paragraph]:
    """The body's paragraphs in order; a table's rows become paragraphs, a line break inside a paragraph another one."""
    from docx.table import Table

    paragraphs, rows, numbered = [], 0, 0
    for item in body_items(document.element.body, document._body):
        if isinstance(item, Table):
            for row in item.rows:
                cells = list(dict.fromkeys(row.cells))  # a merged cell is listed once per grid column
                texts = [clean_line(" ".join(paragraph_text(p) for p in c._tc.iter(W + "p")).replace("\n", " "))
                         for c in cells]
                text = "\u3000".join(t for t in texts if t)
                if text:
                    paragraphs.append(Paragraph(text))
                    rows += 1
            continue
        found = _paragraph(item)
        numbered += found.numbered and bool(found.text.strip())
        pieces = found.text.split("\n") if found.level is None else [found.text.replace("\n", "")]
        for piece in pieces:
            if piece.strip() or found.picture:
                paragraphs.append(Paragraph(**{**found.__dict__, "text": clean_line(piece)}))
                found.picture = False
    if rows:
        record.notes.append(f"table rows: {rows}, each written as a paragraph with its cells "
                            "separated by an ideographic space")
    if numbered:
        record.notes.append(f"paragraphs with Word's automatic numbering: {numbered}; the numbers Word "
                            "draws are not part of their text and are not in this text")
    boxes = dict.fromkeys(clean_line("".join(box.itertext())) for box in document.element.body.xpath(".//w:txbxContent"))
    record.dropped += [Dropped("text box", text, "a text box in the body") for text in boxes if text]
    return paragraphs


def page_furniture(document) -> list[Dropped]:
    """Page headers and footers: printed on every page, never the report's text."""
    found = {}
    for number, section in enumerate(document.sections, start=1):
        for label, part in (("page header", section.header), ("page footer", section.footer),
                            ("first-page header", section.first_page_header),
                            ("first-page footer", section.first_page_footer)):
            if part.is_linked_to_previous:
                continue
            text = clean_line(" ".join(p.text for p in part.paragraphs))
            if text:
                found.setdefault((label, text), f"section {number}")
    return [Dropped(kind, text, where) for (kind, text), where in found.items()]


def signature_block(paragraphs: list[Paragraph], record: Extraction) -> list[Paragraph]:
    """Right-aligned short lines closing the document are its signature block (落款): issuer and date.

    They leave the text for the record, and become evidence stated by the
    document itself.  Lines pushed right with spaces count as right-aligned.
    """
    end = len(paragraphs)
    while end > 0 and _signs(paragraphs[end - 1]):
        end -= 1
    closing = [p for p in paragraphs[end:] if p.text]
    if not closing or len(closing) == len(paragraphs):
        return paragraphs
    shown = " / ".join(re.sub(r"\s+", " ", p.text) for p in closing)
    for line in closing:
        record.dropped.append(Dropped("signature block", line.text, "closing right-aligned lines"))
        date = find_date(line.text)
        if date and len(date[1]) >= len(line.text.strip("（）() ")) - 1:
            record.evidence.append(Evidence("date", date[0], f"the signature block “{shown}”", "stated"))
        elif not date:
            record.evidence.append(Evidence("issuer", line.text, f"the signature block “{shown}”", "stated"))
    return paragraphs[:end]


def _signs(paragraph: Paragraph) -> bool:
    right = paragraph.align == "right" or paragraph.indent >= SIGNATURE_INDENT
    return not paragraph.text or (right and len(paragraph.text) <= SHORT and not ends_sentence(paragraph.text))


def _title_run(paragraphs: list[Paragraph]) -> int:
    """How many paragraphs at the start make the title: Title style, the document's only top heading, or centred."""
    first = next((i for i, p in enumerate(paragraphs) if p.text), None)
    if first is None:
        return 0
    levels = [p.level for p in paragraphs if p.level is not None]
    top = min(levels) if levels else None
    lead = paragraphs[first]
    if lead.level is not None and lead.level == top:
        run = first
        while run < len(paragraphs) and paragraphs[run].level == top and not paragraphs[run].text.startswith("—"):
            run += 1
        if top == 0 or all(p.level != top for p in paragraphs[run:]):
            return run
    if lead.align == "center" and len(lead.text) <= SHORT * 2 and not ends_sentence(lead.text):
        return first + 1
    return 0


def document_blocks(paragraphs: list[Paragraph], record: Extraction) -> list[Block]:
    """Title, header lines, headings with their levels, paragraphs and captions, in order."""
    title_end = _title_run(paragraphs)
    title_parts = [p.text for p in paragraphs[:title_end] if p.text]
    blocks = []
    if title_parts:
        title = title_parts[0]
        for part in title_parts[1:]:
            title = join_pieces(title, part)
        if len(title_parts) > 1:
            record.notes.append(f"the title stands in {len(title_parts)} paragraphs, joined into one heading")
        blocks.append(Block("heading", title, 1))
    rest = paragraphs[title_end:]
    body_start = next((i for i, p in enumerate(rest) if p.text and (p.level is not None or _body(p))), len(rest))
    for line in rest[:body_start]:
        blocks += _header_line(line, record)
    section_levels = sorted({p.level for p in rest if p.level is not None})
    bold_level = len(section_levels) + 2
    after_picture = False
    for p in rest[body_start:]:
        if p.picture and not p.text:
            after_picture = True
            continue
        if p.level is not None:
            blocks.append(Block("heading", p.text, section_levels.index(p.level) + 2))
        elif p.caption_style or (after_picture and len(p.text) <= CAPTION_MAX and p.align == "center"):
            blocks.append(Block("caption", p.text))
        elif p.bold and len(p.text) <= SHORT and not ends_sentence(p.text):
            blocks.append(Block("heading", p.text, bold_level))
        else:
            blocks.append(Block("paragraph", p.text))
        after_picture = False
    return blocks


def _body(paragraph: Paragraph) -> bool:
    return not (paragraph.align == "center" or paragraph.subtitle_style) or ends_sentence(paragraph.text)


def _header_line(paragraph: Paragraph, record: Extraction) -> list[Block]:
    """A centred line under the title: a subtitle or an office stays in the header; a date line is evidence."""
    date = find_date(paragraph.text)
    if date and len(date[1]) >= len(paragraph.text.strip("（）() ")) - 1:
        record.dropped.append(Dropped("date line", paragraph.text, "under the title"))
        record.evidence.append(Evidence("date", date[0], f"the date line under the title “{paragraph.text}”",
                                        "stated"))
        return []
    return [Block("header", paragraph.text)] if paragraph.text else []


def core_evidence(document) -> list[Evidence]:
    """Word's core properties: filled in from the template and the account that made the file, so evidence only."""
    properties = document.core_properties
    evidence = []
    if properties.title and properties.title.strip():
        evidence.append(Evidence("title", properties.title.strip(), "Word's core property title", "property"))
    if properties.author and properties.author.strip():
        evidence.append(Evidence("author", properties.author.strip(),
                                 "Word's core property author (the account that created the file)", "property",
                                 "author"))
    if properties.created:
        evidence.append(Evidence("date", properties.created.date().isoformat(),
                                 f"Word's core property created ({properties.created.isoformat()})", "property"))
    return evidence
