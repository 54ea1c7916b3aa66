"""The archive's domain objects, shared by every pipeline stage."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Line:
    """One line of a seed as stored, with its 1-based line number."""

    number: int
    text: str


@dataclass
class Dropped:
    """Something of an original file left out of its extracted text: the page's or the file's furniture.

    ``where`` says where it stood (``page 2``, ``<div class="breadcrumb">``),
    so a reader can find it in the original.
    """

    kind: str
    text: str
    where: str = ""


@dataclass
class Evidence:
    """A fact about the report read from the original file rather than from its text, with its basis.

    ``strength`` says who wrote it: ``stated`` (printed in the document: a
    masthead, a signature block, a page's source line), ``metadata`` (written
    by the publisher for machines: a web page's ``<meta>`` tags) or
    ``property`` (written by the software that made the file: Word's or a
    PDF's author and creation date), which is used only when the text bears
    it out.
    """

    field: str
    value: str
    basis: str
    strength: str
    role: str = ""


@dataclass
class Extraction:
    """How a seed's text was taken out of a web page, Word document or PDF.

    ``pages`` holds, for a PDF, the line span of each page in the extracted
    text.  ``notes`` say what the extraction did that a reader of the text
    should know (headings written as Markdown marks, radicals mapped).
    """

    format: str
    tools: str
    dropped: list[Dropped] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Seed:
    """A source file from ``seeds/``, decoded (or, for HTML, Word and PDF, extracted) but otherwise untouched.

    ``raw`` is the original file byte for byte; ``text`` is what the rules
    read.  ``encoding`` and ``newline`` describe a text file (and a web
    page's charset); they are ``None`` where the text was not decoded from
    bytes but read from a document's structure.
    """

    path: Path
    raw: bytes
    text: str
    encoding: str | None
    newline: str | None
    sha256: str
    sidecar: dict = field(default_factory=dict)
    extraction: Extraction | None = None

    @property
    def format(self) -> str:
        return self.extraction.format if self.extraction else "text"

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def slug(self) -> str:
        """The file name as a URL-safe id; a name with no ASCII letters or digits falls back to the SHA-256."""
        return re.sub(r"[^a-z0-9]+", "-", self.stem.lower()).strip("-") or f"seed-{self.sha256[:12]}"

    @property
    def lines(self) -> list[Line]:
        return [Line(n, t) for n, t in enumerate(self.text.split("\n"), start=1)]


@dataclass
class Edit:
    """One application of a named rule: what the text was, what it became.

    ``discarded`` is true when the ``before`` text leaves the report entirely
    (a repeated paragraph): the edit log is then the only place its characters
    survive, and the conservation check counts them from here.  ``line`` is
    the seed line the edit was made on, when it was made on one line.
    """

    rule: str
    before: str
    after: str
    paragraph: str | None = None
    discarded: bool = False
    line: int | None = None


@dataclass
class Furniture:
    """Document furniture taken out of the body: bylines, credits, distribution lists…"""

    kind: str
    text: str
    lines: tuple[int, int]
    fields: dict = field(default_factory=dict)


@dataclass
class Unit:
    """A piece of a seed on its way to becoming a report item.

    Units start as raw blocks of lines (``kind='text'``) and are classified by
    the structure passes into headings, paragraphs, captions, bylines, header
    lines or furniture.  Edits made to a unit travel with it until it gets its
    final id.
    """

    kind: str
    lines: list[Line]
    gap_before: int = 0
    text: str = ""
    level: int | None = None
    fields: dict = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int]:
        return (self.lines[0].number, self.lines[-1].number)


@dataclass
class Item:
    """A unit of a report's cleaned text: heading, paragraph, caption or note."""

    id: str
    kind: str
    text: str
    lines: tuple[int, int]
    level: int | None = None


#: Who made a report, by role: the text's authors, then those credited for other work (never authors of the text).
TEXT_ROLES = ("author", "reporter", "correspondent", "issuer", "provider")
CONTRIBUTOR_ROLES = ("editor", "photographer", "photo_provider")


@dataclass
class Author:
    """A person or body credited in a report, with a role from :data:`TEXT_ROLES` or :data:`CONTRIBUTOR_ROLES`."""

    name: str
    role: str
    office: str | None = None


@dataclass
class Report:
    """One independently authored piece: what a page of the archive shows."""

    id: str
    seed: Seed
    position: int
    title: str
    items: list[Item]
    kicker: str | None = None
    subtitle: str | None = None
    title_basis: str = ""
    authors: list[Author] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    date: str | None = None
    date_basis: str = ""
    publication: str | None = None
    issuer: str | None = None
    doc_type: str = "article"
    regions: list[str] = field(default_factory=list)
    editorial_notes: str | None = None
    header_lines: list[str] = field(default_factory=list)
    header_spans: list[tuple[int, int]] = field(default_factory=list)
    contributors: list[Author] = field(default_factory=list)
    publication_basis: str = ""
    reporting_year: int | None = None
    reporting_year_basis: str = ""
    mentioned_regions: list[str] = field(default_factory=list)
    regions_basis: str = ""
    review: list[str] = field(default_factory=list)
    #: Furniture printed once for a page holding several reports (masthead, date line), shown on the first
    #: report; a later report reads its date and publication from it, and it is not counted again.
    page_furniture: list[Furniture] = field(default_factory=list)

    @property
    def source_lines(self) -> tuple[int, int]:
        spans = [i.lines for i in self.items] + [f.lines for f in self.furniture] + self.header_spans
        return (min(s[0] for s in spans), max(s[1] for s in spans))


def year_of(report: Report) -> str:
    return report.date[:4] if report.date else ""
