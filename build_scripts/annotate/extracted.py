"""Evidence from an original file — a page's metadata, a bulletin's masthead, a signature block, Word's properties — weighed.

The text and the sidecar come first: a sidecar fact always wins, and what
the text itself states (an issuing line's date, a byline) is not replaced
by what a file says about it.  Evidence fills what the text leaves open:
a date the text states outranks one only inferred from the years it
mentions, and so does a date the page or the document states.  A file
property written by software (Word's author is the account that made the
file, a PDF's creation date the day it was printed) is used only when the
text bears it out.  Every piece of evidence is listed on the page with
what was made of it.
"""

from __future__ import annotations

import re

from build_scripts.annotate.dating import reporting_year
from build_scripts.model import Author, Evidence, Report

PERSON_ROLES = ("author", "reporter", "correspondent")
LABELS = {"title": "title", "author": "author", "date": "date", "publication": "publication",
          "issuer": "issuer", "editor": "editor", "issue": "issue"}
BASIS_PREFIX = {"stated": "stated", "metadata": "page metadata"}
#: A page's source line names people by these words; the archive's roles are in English.
ROLE_WORDS = {"作者": "author", "本报记者": "reporter", "记者": "reporter", "通讯员": "correspondent"}


def _key(text: str) -> str:
    return re.sub(r"\s", "", text)


def _line(evidence: Evidence, verdict: str) -> str:
    return f"from the file — {LABELS[evidence.field]} “{evidence.value}” ({evidence.basis}): {verdict}"


def apply_extraction(report: Report, facts: dict, count: int) -> Report:
    """Fill the report's open facts from its seed's extraction evidence and say, for each piece, what became of it.

    ``facts`` are the report's sidecar facts; ``count`` is how many reports
    the seed holds: a page's author or title speaks for a seed holding one.
    """
    extraction = report.seed.extraction
    if extraction is None:
        return report
    by_field: dict[str, list[Evidence]] = {}
    for evidence in extraction.evidence:
        by_field.setdefault(evidence.field, []).append(evidence)
    lines = []
    lines += _dates(report, facts, by_field.get("date", []))
    lines += _authors(report, by_field.get("author", []), count)
    lines += _publication(report, facts, by_field.get("publication", []))
    lines += _issuer(report, by_field.get("issuer", []))
    lines += [_line(e, _title_verdict(report, e, count)) for e in by_field.get("title", [])]
    lines += _editors(report, by_field.get("editor", []))
    lines += [_line(e, "recorded") for e in by_field.get("issue", [])]
    report.evidence += lines
    return report


def _editors(report: Report, candidates: list[Evidence]) -> list[str]:
    """An editor is credited as a contributor, never as an author of the text."""
    lines = []
    for evidence in candidates:
        if any(c.name == evidence.value and c.role == "editor" for c in report.contributors):
            verdict = "agrees with the editor named in the text"
        else:
            report.contributors.append(Author(evidence.value, "editor"))
            verdict = "credited as editor (a contributor, not an author of the text)"
        lines.append(_line(evidence, verdict))
    return lines


def _certain(date: str | None) -> bool:
    return bool(date) and not date.endswith(("?", "~", "%"))


def _dates(report: Report, facts: dict, candidates: list[Evidence]) -> list[str]:
    """The first date the file states fills a date only inferred; the reporting year follows the date."""
    lines = []
    before = report.date
    for evidence in candidates:
        if "date" in facts:
            verdict = "not used: the sidecar gives the date"
        elif _certain(report.date):
            verdict = ("agrees with the date used" if evidence.value.startswith(report.date)
                       or report.date.startswith(evidence.value) else f"not used: the date is {report.date}")
        elif evidence.strength != "property":
            report.date = evidence.value
            report.date_basis = f"{BASIS_PREFIX[evidence.strength]}: {evidence.basis}"
            verdict = "used as the date"
        else:
            verdict = _property_date(report, evidence)
        lines.append(_line(evidence, verdict))
    if report.date != before and "reporting_year" not in facts:
        report.reporting_year, report.reporting_year_basis = reporting_year(report)
    return lines


def _property_date(report: Report, evidence: Evidence) -> str:
    """A file's creation date stands, uncertain, only in the latest year the text mentions or the year after."""
    if report.date is None:
        return "not used: the text mentions no year that bears it out"
    year = int(report.date[:4])
    if int(evidence.value[:4]) not in (year, year + 1):
        return f"not used: the text's latest year is {year}, so the file was not made when the report was written"
    report.date = evidence.value + "?"
    report.date_basis = (f"inferred: {evidence.basis}, in keeping with the latest year the text mentions ({year}); "
                         "a file property, so uncertain")
    return "used as an uncertain date"


def _authors(report: Report, candidates: list[Evidence], count: int) -> list[str]:
    """Authors from the page or the document, when the text names none; a file's author only if the text names it."""
    lines = []
    named = {a.name for a in report.authors if a.role in PERSON_ROLES}
    chosen_basis = None
    for evidence in candidates:
        if count > 1:
            verdict = "not used: the seed holds several reports"
        elif evidence.value in named:
            verdict = "agrees with the author named in the text" if chosen_basis is None else "agrees"
        elif named and chosen_basis is None:
            verdict = "not used: the text names its authors"
        elif chosen_basis not in (None, evidence.basis):
            verdict = "not used: the author is already given by stronger evidence"
        elif evidence.strength == "property" and evidence.value not in report.seed.text:
            verdict = ("not used: a file's author property names the account that made the file, "
                       "and the text does not name this person")
        else:
            report.authors.append(Author(evidence.value, ROLE_WORDS.get(evidence.role, evidence.role or "author")))
            chosen_basis = evidence.basis
            verdict = "used as an author"
        named = {a.name for a in report.authors if a.role in PERSON_ROLES} if chosen_basis else named
        lines.append(_line(evidence, verdict))
    return lines


def _publication(report: Report, facts: dict, candidates: list[Evidence]) -> list[str]:
    lines = []
    for evidence in candidates:
        if "publication" in facts:
            verdict = "not used: the sidecar names the publication"
        elif report.publication:
            verdict = "agrees" if report.publication == evidence.value else f"not used: the publication is {report.publication}"
        elif evidence.strength == "property":
            verdict = "not used: a file property"
        else:
            report.publication, report.publication_basis = evidence.value, f"{evidence.basis}"
            verdict = "used as the publication"
        lines.append(_line(evidence, verdict))
    return lines


def _issuer(report: Report, candidates: list[Evidence]) -> list[str]:
    lines = []
    for evidence in candidates:
        if report.issuer:
            verdict = "agrees" if report.issuer == evidence.value else f"not used: the issuer is {report.issuer}"
        else:
            report.issuer = evidence.value
            if not any(a.role == "issuer" for a in report.authors):
                report.authors.append(Author(evidence.value, "issuer"))
            verdict = "used as the issuer"
        lines.append(_line(evidence, verdict))
    return lines


def _title_verdict(report: Report, evidence: Evidence, count: int) -> str:
    """Titles are read from the text; one a file gives is only compared with it."""
    if count > 1:
        return "not compared: the seed holds several reports"
    found, given = _key(report.title), _key(evidence.value)
    if found == given:
        return "agrees with the title found in the text"
    if given and (given in found or found in given):
        return "close to the title found in the text (which is the article's own heading)"
    return "differs from the title found in the text, which is kept"
