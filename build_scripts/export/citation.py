"""The citation record: one CSL-JSON item per report, from which every citation format is derived.

GB/T 7714, BibTeX, RIS, the page's embedded metadata and its copy buttons
all read this record (:mod:`build_scripts.export.citation_formats`,
:mod:`build_scripts.site.cite`), so a fact stated once is cited the same way
everywhere.  It reads the report model generically: authors (name, role,
office), publication, issuer, date (EDTF) and document type.

What is cited is the original report — a newspaper feature in its
newspaper, a bulletin from its issuing office, a duty report — as read in
this archive: the archive is the ``archive`` (where it was read) and its
published page is the ``URL``, never the original's publisher.
"""

from __future__ import annotations

import re

from build_scripts.model import Author, Report
from build_scripts.site.urls import REPORTS_DIR

ARCHIVE_NAME = "内蒙古基层党建报告注释档案"
ARCHIVE_NAME_EN = "Annotated archive of grassroots Party-building reports, Inner Mongolia"

#: CSL item type of each document type; an unknown type is cited as the archive's electronic edition.
CSL_TYPES = {"newspaper_feature": "article-newspaper", "news_report": "article-newspaper", "duty_report": "report",
             "work_report": "report", "bulletin": "report", "article": "article"}
#: What the report is, in the words a reference manager shows (CSL ``genre``).
GENRES = {"duty_report": "述职报告", "work_report": "工作报告", "bulletin": "工作简报"}

#: Roles whose holders wrote the text (CSL ``author``), in the codes the extraction uses and the
#: Chinese words older front matter has.
WRITER_ROLES = {"author", "reporter", "correspondent", "作者", "本报记者", "记者", "通讯员"}
#: Bodies that issued or supplied the text: authors only when no person is named (GB/T 7714-2015, 8.1.4).
BODY_ROLES = {"issuer", "provider", "发文机关", "供稿"}

EDTF_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)$")


def edtf_parts(date: str) -> tuple[list[int], bool]:
    """Year, month, day of an EDTF date (the forms the sidecar schema allows) and whether it is qualified.

    ``?`` (uncertain), ``~`` (approximate) and ``%`` (both) all make the date
    one the citation must mark as not known for certain.

    >>> edtf_parts("2014-08-30"), edtf_parts("2017?"), edtf_parts("2019-05~")
    (([2014, 8, 30], False), ([2017], True), ([2019, 5], True))
    >>> edtf_parts("spring 2017")
    Traceback (most recent call last):
    ...
    ValueError: 'spring 2017' is not an EDTF date of the form YYYY, YYYY-MM or YYYY-MM-DD (optionally ending in ? ~ %)
    """
    match = EDTF_RE.match(date)
    if not match:
        raise ValueError(f"{date!r} is not an EDTF date of the form YYYY, YYYY-MM or YYYY-MM-DD "
                         "(optionally ending in ? ~ %)")
    return [int(part) for part in match.groups()[:3] if part], bool(match.group(4))


def published_url(site_url: str | None, report_id: str) -> str | None:
    """The report's address on the published site (directory URLs), whatever the build's own URL scheme.

    >>> published_url("https://example.org/archive", "x"), published_url(None, "x")
    ('https://example.org/archive/reports/x/', None)
    """
    return f"{site_url.rstrip('/')}/{REPORTS_DIR}/{report_id}/" if site_url else None


def is_body(author: Author) -> bool:
    return author.role in BODY_ROLES


def cited_authors(report: Report) -> list[Author]:
    """The text's authors: the people who wrote it; an issuing or providing body only when no person is named.

    Editors, photographers and anyone else credited are never authors of
    the text (:func:`contributors`).
    """
    writers = [a for a in report.authors if a.role in WRITER_ROLES]
    return writers or [a for a in report.authors if is_body(a)]


def contributors(report: Report) -> list[Author]:
    """Everyone else credited (editors, photographers, a providing office beside named writers)."""
    cited = cited_authors(report)
    return [a for a in report.authors if a not in cited and a.role != "issuer"] + list(report.contributors)


def full_title(report: Report) -> str:
    """Title and subtitle as one CSL title, joined the Chinese way; ``title-short`` keeps the title alone."""
    return f"{report.title}：{report.subtitle}" if report.subtitle else report.title


def issued(report: Report) -> dict | None:
    if not report.date:
        return None
    parts, qualified = edtf_parts(report.date)
    return {"date-parts": [parts], **({"circa": True} if qualified else {})}


def publisher(report: Report) -> str | None:
    """Who published the report itself: the issuing office of a bulletin or report; a newspaper has its title."""
    return report.issuer or next((a.name for a in report.authors if a.role == "issuer"), None)


def date_note(report: Report) -> str:
    date = report.date or "unknown"
    return f"Date (EDTF): {date}. Basis: {report.date_basis}" if report.date_basis else f"Date (EDTF): {date}."


def citation_record(report: Report, site_url: str | None) -> dict:
    """The report's CSL-JSON item (valid against the CSL-JSON schema).

    Names are ``literal``: Chinese, Mongolian and organisation names are
    not split into given and family parts.  An uncertain EDTF date
    (``2017?``) is ``circa``.  Without ``site_url`` there is no published
    address, so the record has no ``URL`` (never the address a page happens
    to be read at).
    """
    record: dict = {"id": report.id, "type": CSL_TYPES.get(report.doc_type, "article"),
                    "title": full_title(report)}
    if report.subtitle:
        record["title-short"] = report.title
    if cited_authors(report):
        record["author"] = [{"literal": a.name} for a in cited_authors(report)]
    if contributors(report):
        record["contributor"] = [{"literal": a.name} for a in contributors(report)]
    if issued(report):
        record["issued"] = issued(report)
    if report.publication:
        record["container-title"] = report.publication
    if publisher(report):
        record["publisher"] = publisher(report)
    if report.doc_type in GENRES:
        record["genre"] = GENRES[report.doc_type]
    record.update({"archive": ARCHIVE_NAME, "archive_location": f"{REPORTS_DIR}/{report.id}", "language": "zh-CN"})
    if site_url:
        record["URL"] = published_url(site_url, report.id)
    record["note"] = date_note(report)
    return record
