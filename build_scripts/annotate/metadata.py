"""Annotate: facts about a report derived by rule — regions, date, document type, authors.

Editorial facts no rule can know come from the seed's sidecar and always win;
the page says which facts came from where.
"""

from __future__ import annotations

import re

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


EDITORIAL_RULES = {
    "sidecar_title": "Replaced the title found in the seed by the sidecar's title; the seed's title is kept here.",
    "sidecar_subtitle": "Replaced the subtitle found in the seed by the sidecar's subtitle; the seed's is kept here.",
}

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
