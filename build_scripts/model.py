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
class Seed:
    """A source file from ``seeds/``, decoded but otherwise untouched."""

    path: Path
    raw: bytes
    text: str
    encoding: str
    newline: str
    sha256: str
    sidecar: dict = field(default_factory=dict)

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

    @property
    def source_lines(self) -> tuple[int, int]:
        spans = [i.lines for i in self.items] + [f.lines for f in self.furniture] + self.header_spans
        return (min(s[0] for s in spans), max(s[1] for s in spans))


def year_of(report: Report) -> str:
    return report.date[:4] if report.date else ""
