"""Annotate: facts about a report derived by rule — regions, date, document type, authors.

Editorial facts no rule can know come from the seed's sidecar and always win;
the page says which facts came from where.
"""

from __future__ import annotations

import re

from build_scripts.annotate.places import Gazetteer, report_regions
from build_scripts.model import Report

YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[ \u3000]?年")
STATED_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def infer_date(stated: str | None, stated_source: str | None, texts: list[str]) -> tuple[str | None, str]:
    """A date in EDTF and its basis: a stated date wins; else the latest year mentioned, uncertain.

    Reports on a year's work are published early in the following year or
    late in the same year, and they talk about plans for the year they are
    written in, so the latest year mentioned anywhere in the seed (pieces
    printed together share a date) is the best rule-based guess.
    It is marked uncertain (``2017?``) and the evidence is given.
    """
    if stated:
        y, m, d = STATED_DATE_RE.match(stated).groups()
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}", f"stated: {stated_source}"
    years = sorted({int(y) for text in texts for y in YEAR_RE.findall(text)})
    if not years:
        return None, "no date stated and no year mentioned in the text"
    listed = ", ".join(map(str, years))
    return f"{years[-1]}?", f"inferred: latest year mentioned in the seed is {years[-1]} (years mentioned: {listed})"


DOC_TYPES = {
    "bulletin": "work bulletin (工作简报) with a distribution list",
    "duty_report": "an official's report on duties performed (述职报告), with office and name in the byline",
    "newspaper_feature": "newspaper or magazine feature (通讯/纪实) with photo captions or credits",
    "article": "article",
}


def infer_doc_type(furniture_kinds: set[str], has_office_byline: bool, has_captions: bool) -> tuple[str, str]:
    """Document type from the furniture a report carries, with the evidence."""
    if "distribution" in furniture_kinds:
        return "bulletin", "has a distribution list (报：/发：)"
    if has_office_byline:
        return "duty_report", "byline names an office holder"
    if furniture_kinds & {"credit", "author_line"} or has_captions:
        return "newspaper_feature", "has photo captions, a credit line or an author line"
    return "article", "no distinguishing furniture"


def annotate_report(report: Report, office: str, facts: dict, gazetteer: Gazetteer, seed_texts: list[str]) -> Report:
    """Add what rules derive about an assembled report: its date, document type and regions, each with its basis.

    ``office`` is the byline's office ("" without one); ``seed_texts`` is the
    whole seed's text: a date inferred from it applies to every report
    printed together in that seed.  Sidecar facts win over every rule.
    """
    issuing = next((f for f in report.furniture if f.kind == "issuing_line"), None)
    if "date" in facts:
        report.date, report.date_basis = facts["date"], "sidecar: " + facts["date_basis"]
    else:
        report.date, report.date_basis = infer_date(issuing.fields["date"] if issuing else None,
                                                    f"issuing line “{issuing.text}”" if issuing else None,
                                                    seed_texts)
    doc_type, doc_basis = infer_doc_type({f.kind for f in report.furniture}, bool(office),
                                         any(i.kind == "caption" for i in report.items))
    report.doc_type = facts.get("doc_type", doc_type)
    body_texts = [i.text for i in report.items]
    report.regions = report_regions(gazetteer, office, "\n".join(body_texts + report.header_lines))
    report.evidence.append(f"document type {report.doc_type}: " + ("sidecar" if "doc_type" in facts else doc_basis))
    return report
