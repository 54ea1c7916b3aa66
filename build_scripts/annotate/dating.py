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
SPEECH_TITLE_RE = re.compile(r"讲话|致辞|发言|主持词")
REPORT_TITLE_RE = re.compile(r"述职|工作报告|总结|汇报")
YEAR_REVIEW_RE = re.compile(r"今年以来|一年来|本年度|总结今年|回顾今年")


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


def issue_date(furniture: list[Furniture]) -> tuple[str, str] | None:
    """A periodical issue (2019年第8期) dates the article by its year, with the issue line as basis.

    The issue says when the article was published; a web site's posting time
    on the same line (发布时间：2019-09-03) is when the site copied it, and an
    issue number is not a month, so the year alone is the date.  A bulletin
    whose masthead also prints the day (its compiler line, in the issue's
    year) is dated by that day instead: None here, the issuing line decides.

    >>> issue_date([Furniture("masthead", "党的建设 2020年第11期", (1, 1), {"issue": "2020年第11期", "issue_year": 2020})])
    ('2020', 'stated: issue “2020年第11期” (line 1): an issue number gives the year only')
    >>> issue_date([Furniture("masthead", "2021年第5期", (2, 2), {"issue": "2021年第5期", "issue_year": 2021}),
    ...             Furniture("issuing_line", "X组织部　　2021年4月12日", (3, 3), {"date": "2021-04-12"})]) is None
    True
    """
    issue = next((f for f in sorted(furniture, key=lambda f: f.lines) if f.fields.get("issue_year")), None)
    if issue is None:
        return None
    year = issue.fields["issue_year"]
    if any(f.kind == "issuing_line" and str(f.fields.get("date", "")).startswith(f"{year}-") for f in furniture):
        return None
    posted = f"; the posting date {issue.fields['posted']} is the web copy's" if issue.fields.get("posted") else ""
    return (f"{year}", f"stated: issue “{issue.fields['issue']}” (line {issue.lines[0]}): "
                       f"an issue number gives the year only{posted}")


def infer_date(furniture: list[Furniture], texts: list[str]) -> tuple[str | None, str]:
    """A date in EDTF and its basis: a stated date wins; else the latest year mentioned, uncertain.

    Reports on a year's work are published early in the following year or
    late in the same year, and they talk about plans for the year they are
    written in, so the latest year mentioned anywhere in the seed (pieces
    printed together share a date) is the best rule-based guess.
    It is marked uncertain (``2017?``) and the evidence is given; a wire
    dateline's month and day are added to it, the year staying uncertain.
    """
    stated = issue_date(furniture) or stated_date(furniture)
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


def speech_without_year_review(header: str, texts: list[str]) -> bool:
    """A speech (讲话, 致辞) that does not review the year it is given in: it reports on no year.

    A year-end speech that sums up the year (总结今年以来…, 一年来) describes
    that year's work like a work report; a speech opening the year's work
    (安排部署今年任务) is a speech, dated but not a report on a year.

    >>> speech_without_year_review("在全旗推进会上的讲话", ["主要任务是总结去年工作，安排部署今年任务。"])
    True
    >>> speech_without_year_review("在全旗推进会上的讲话", ["主要任务是总结今年以来全旗基层党建工作。"])
    False
    >>> speech_without_year_review("2021年工作总结", ["今年，要重点抓好三件事。"])
    False
    """
    if not SPEECH_TITLE_RE.search(header) or REPORT_TITLE_RE.search(header):
        return False
    return not any(YEAR_REVIEW_RE.search(text) for text in texts)


def reporting_year(report: Report) -> tuple[int | None, str]:
    """The year whose work a duty or work report describes, with the evidence; None for other documents.

    The title's own year (``2017年度…述职报告``) decides; a speech that sums
    up no year of its own has none; else a review dated
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
    if speech_without_year_review(header, [item.text for item in report.items]):
        return None, f"a speech (“{header}”) that reviews no year's work of its own (no 今年以来, 一年来)"
    year = int(report.date[:4])
    month = int(report.date[5:7]) if len(report.date) >= 7 and report.date[4] == "-" else None
    counts = Counter(int(y) for item in report.items for y in YEAR_RE.findall(item.text))
    if (month is None or month in REVIEW_MONTHS) and counts and counts.most_common(1)[0][0] == year - 1:
        when = "with no month" if month is None else "early in the year"
        return year - 1, (f"dated {report.date}, {when}, and the text speaks most of {year - 1} "
                          f"({counts[year - 1]} mentions): a review of the year before")
    return year, f"the year of its date ({report.date})"
