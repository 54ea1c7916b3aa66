"""Citations of a report page: GB/T 7714, BibTeX and CSL-JSON.

What is cited is the archive's edition of the report (its cleaned text and
apparatus), so the type is an online resource ``[EB/OL]`` and the URL is the
report page; the original publication, when known, is named as container.
"""

from __future__ import annotations

import json
import re

from build_scripts.model import Report

ARCHIVE_NAME = "内蒙古基层党建报告注释档案"
CSL_TYPES = {"duty_report": "report", "work_report": "report", "bulletin": "report",
             "news_report": "article-newspaper", "newspaper_feature": "article-newspaper", "article": "article"}


def cited_authors(report: Report) -> list[str]:
    """People first; an issuing or providing office only when no person is named."""
    people = [a.name for a in report.authors if a.role not in ("issuer", "provider")]
    return people or [a.name for a in report.authors]


def gbt7714(report: Report, url: str) -> str:
    """GB/T 7714-2015 style: 责任者. 题名[EB/OL]. 出处, 日期. URL.

    >>> from build_scripts.model import Author, Report, Seed
    >>> r = Report(id="x", seed=None, position=1, title="夯实基层基础", items=[],
    ...            authors=[Author("罗虎在", "author", "锡林郭勒盟委书记")], date="2017?")
    >>> gbt7714(r, "https://example.org/reports/x/")
    '罗虎在. 夯实基层基础[EB/OL]. 内蒙古基层党建报告注释档案, 2017?. https://example.org/reports/x/.'
    """
    authors = cited_authors(report)
    names = ", ".join(authors[:3]) + (", 等" if len(authors) > 3 else "")
    container = f"{report.publication}（{ARCHIVE_NAME}整理本）" if report.publication else ARCHIVE_NAME
    parts = [f"{names}. " if names else "", f"{report.title}[EB/OL]. ", container,
             f", {report.date}" if report.date else "", f". {url}."]
    return "".join(parts)


def bibtex(report: Report, url: str) -> str:
    r"""A ``@misc`` entry; names are braced so BibTeX does not split Chinese names.

    >>> from build_scripts.model import Report
    >>> print(bibtex(Report(id="x", seed=None, position=1, title="a_b{c}", items=[]), "u").split("\n")[1])
      title = {a\_b\{c\}},
    """
    def value(text: str) -> str:
        return re.sub(r"([{}\\&%$#_^~])", r"\\\1", text)
    fields = [("title", value(report.title))]
    if cited_authors(report):
        fields.append(("author", " and ".join("{" + value(a) + "}" for a in cited_authors(report))))
    if report.date:
        fields.append(("year", report.date[:4]))
    if report.publication:
        fields.append(("howpublished", value(report.publication)))
    fields += [("publisher", ARCHIVE_NAME), ("url", url), ("language", "chinese"),
               ("note", value(f"Date: {report.date or 'unknown'} ({report.date_basis})"))]
    body = ",\n".join(f"  {key} = {{{text}}}" for key, text in fields)
    return f"@misc{{{report.id},\n{body}\n}}"


def csl_json(report: Report, url: str) -> str:
    """One CSL-JSON item; an uncertain EDTF date (``2017?``) is marked ``circa``."""
    item = {"id": report.id, "type": CSL_TYPES[report.doc_type], "title": report.title,
            "author": [{"literal": name} for name in cited_authors(report)],
            "publisher": ARCHIVE_NAME, "URL": url, "language": "zh-CN"}
    if report.date:
        parts = [int(p) for p in report.date.rstrip("?~%").split("-")]
        item["issued"] = {"date-parts": [parts], **({"circa": True} if report.date[-1] in "?~%" else {})}
    if report.publication:
        item["container-title"] = report.publication
    item["note"] = f"date basis: {report.date_basis}"
    return json.dumps(item, ensure_ascii=False, indent=2)
