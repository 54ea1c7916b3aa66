"""A report's date and reporting year, each with the line or rule it came from.

A date the source states (a date line, a source line, an issuing line, a
work report's date line) outranks one inferred from the years the text
mentions; a wire dateline's month and day complete a year only the text
gives.  A duty or work report also has a *reporting year*: the year whose
work it describes, which for a review written early in the next year is
the year before its date.
"""

from __future__ import annotations

import re
from collections import Counter

from build_scripts.model import Furniture, Report
from build_scripts.text.dates import find_dates

YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[ \u3000]?年")
#: Furniture that states the report's own date, by kind, in the words the basis uses.
DATED_FURNITURE = {"date_line": "date line", "source_line": "source line", "masthead": "masthead",
                   "issuing_line": "issuing line", "editor_tag": "editor tag", "page_controls": "page label",
                   "wechat_header": "WeChat post header"}
REVIEW_MONTHS = (1, 2, 3)   # a work review dated in these months describes the year before
WORK_DOC_TYPES = ("duty_report", "work_report")


def stated_date(furniture: list[Furniture]) -> tuple[str, str] | None:
    """The first date the report's furniture states, in EDTF, with its basis (the line it came from).

    >>> f = [Furniture("date_line", "2019年03月12日 星期二", (6, 6))]
    >>> stated_date(f)
    ('2019-03-12', 'stated: date line “2019年03月12日 星期二” (line 6)')
    """
    for piece in sorted(furniture, key=lambda f: f.lines):
        if piece.kind not in DATED_FURNITURE:
            continue
        for reading in find_dates(piece.text):
            if reading.edtf.count("-") or piece.kind in ("date_line", "issuing_line"):
                note = f"; {reading.note}" if reading.note else ""
                return reading.edtf, (f"stated: {DATED_FURNITURE[piece.kind]} “{piece.text}” "
                                      f"(line {piece.lines[0]}){note}")
    return None


def infer_date(furniture: list[Furniture], texts: list[str]) -> tuple[str | None, str]:
    """A date in EDTF and its basis: a stated date wins; else the latest year mentioned, uncertain.

    Reports on a year's work are published early in the following year or
    late in the same year, and they talk about plans for the year they are
    written in, so the latest year mentioned anywhere in the seed (pieces
    printed together share a date) is the best rule-based guess.
    It is marked uncertain (``2017?``) and the evidence is given; a wire
    dateline's month and day are added to it, the year staying uncertain.
    """
    stated = stated_date(furniture)
    if stated:
        return stated
    years = sorted({int(y) for text in texts for y in YEAR_RE.findall(text)})
    if not years:
        return None, "no date stated and no year mentioned in the text"
    listed = ", ".join(map(str, years))
    basis = f"inferred: latest year mentioned in the seed is {years[-1]} (years mentioned: {listed})"
    dateline = next((f for f in furniture if f.kind == "wire_dateline"), None)
    if dateline:
        month, day = dateline.fields["month"], dateline.fields["day"]
        return (f"{years[-1]}-{month:02d}-{day:02d}?",
                basis + f"; month and day from the dateline “{dateline.text}” (line {dateline.lines[0]})")
    return f"{years[-1]}?", basis


def reporting_year(report: Report) -> tuple[int | None, str]:
    """The year whose work a duty or work report describes, with the evidence; None for other documents.

    The title's own year (``2017年度…述职报告``) decides; else a review dated
    in the first quarter (or dated by its year alone) describes the year
    before, when the text speaks of that year more than of any other; else
    the date's year.
    """
    if report.doc_type not in WORK_DOC_TYPES or not report.date:
        return None, ""
    header = " ".join(filter(None, [report.kicker, report.title, report.subtitle]))
    named = [int(y) for y in YEAR_RE.findall(header)]
    if named:
        return named[0], f"the title names the year: “{header}”"
    year = int(report.date[:4])
    month = int(report.date[5:7]) if len(report.date) >= 7 and report.date[4] == "-" else None
    counts = Counter(int(y) for item in report.items for y in YEAR_RE.findall(item.text))
    if (month is None or month in REVIEW_MONTHS) and counts and counts.most_common(1)[0][0] == year - 1:
        when = "with no month" if month is None else "early in the year"
        return year - 1, (f"dated {report.date}, {when}, and the text speaks most of {year - 1} "
                          f"({counts[year - 1]} mentions): a review of the year before")
    return year, f"the year of its date ({report.date})"
