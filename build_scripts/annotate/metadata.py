"""Annotate: facts about a report derived by rule — document type, publication, and (with dating and places) date and regions.

Editorial facts no rule can know come from the seed's sidecar and always win;
the page says which facts came from where.
"""

from __future__ import annotations

import re

from build_scripts.annotate.dating import infer_date, reporting_year
from build_scripts.annotate.places import Gazetteer, subject_regions
from build_scripts.errors import SidecarError
from build_scripts.model import Furniture, Report
from build_scripts.text.document_header import ISSUING_BODY_RE
from build_scripts.text.ingest import sidecar_path

DOC_TYPES = {
    "bulletin": "work bulletin (工作简报) with a distribution list",
    "duty_report": "an official's report on duties performed (述职报告), with office and name in the byline",
    "work_report": "work report, summary, speech or briefing (工作报告/总结/讲话/汇报材料) set out by its issuer",
    "news_report": "news report (消息) from a newspaper, news site or agency, with its dateline, lead or source line",
    "newspaper_feature": "newspaper or magazine feature (通讯/纪实) with photo captions or credits",
    "article": "article",
}
#: What readers see of each document type, in Chinese and English; code names stay in the data and on the method page.
DOC_TYPE_LABELS = {
    "bulletin": "工作简报 Work bulletin",
    "duty_report": "述职报告 Duty report",
    "work_report": "工作报告 Work report",
    "news_report": "新闻消息 News report",
    "newspaper_feature": "报纸通讯 Newspaper feature",
    "article": "文章 Article",
}
WORK_TITLE_RE = re.compile(r"述职|汇报|总结|讲话|工作报告|情况报告|发言|致辞")
NEWS_FURNITURE = {"wire_dateline", "news_lead", "source_line", "masthead", "page_controls", "reporter_tag"}


def infer_doc_type(furniture_kinds: set[str], has_office_byline: bool, has_captions: bool,
                   header: str = "") -> tuple[str, str]:
    """Document type from the furniture a report carries and the words of its title, with the evidence."""
    if "distribution" in furniture_kinds:
        return "bulletin", "has a distribution list (报：/发：)"
    if "述职" in header or (has_office_byline and not WORK_TITLE_RE.search(header) and "issuing_body" not in furniture_kinds):
        return "duty_report", "byline names an office holder" if has_office_byline else "the title says 述职"
    if WORK_TITLE_RE.search(header) or "issuing_body" in furniture_kinds:
        return "work_report", "the title names a report, summary or speech, or an issuing body signs it"
    if furniture_kinds & {"credit", "photo_credit"} or has_captions:
        return "newspaper_feature", "has photo captions or a credit line"
    if furniture_kinds & NEWS_FURNITURE:
        return "news_report", "has a dateline, news lead, source line or masthead"
    if "author_line" in furniture_kinds:
        return "newspaper_feature", "has an author line"
    return "article", "no distinguishing furniture"


#: Where a publication is named, most telling first: the wire agency, the credited source, a WeChat post's account,
#: the paper's lead, the masthead, a printed compilation's running head, a byline's outlet.
PUBLICATION_SOURCES = (("wire_dateline", "agency", "the wire dateline"), ("source_line", "publication", "the source line"),
                       ("wechat_header", "publication", "the WeChat post's header"),
                       ("news_lead", "agency", "the news lead"), ("masthead", "publication", "the masthead"),
                       ("running_head", "publication", "the running head naming the compilation"),
                       ("author_line", "publication", "the byline's outlet"))
OWN_PAPER = ("本报", "本刊", "本台")


def abbreviates(short: str, full: str) -> bool:
    """Rule ``full_name_of_agency``: whether ``short`` is a short form (简称) of ``full``: its characters, in order.

    A short form keeps the full name's first and last characters and picks
    others in order (中新网 for 中国新闻网); a sister outlet (新华网 beside
    新华社) or a channel (人民网-内蒙古频道) is not a short form.

    >>> abbreviates('中新网', '中国新闻网'), abbreviates('新华社', '新华网'), abbreviates('人民网', '人民网-内蒙古频道')
    (True, False, False)
    """
    if not short or len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def publication_of(furniture: list[Furniture]) -> tuple[str | None, str]:
    """The newspaper, site or agency that published the report, with the furniture that names it.

    >>> publication_of([Furniture("masthead", "通辽日报", (1, 1), {"publication": "通辽日报"}),
    ...                 Furniture("source_line", "来源：通辽日报", (3, 3), {"publication": "通辽日报"})])
    ('通辽日报', 'named by the source line “来源：通辽日报” (line 3)')

    An office credited as the source (来源：阿荣旗委组织部) supplied the text;
    it is not a publication (rule ``office_source_not_publication``):

    >>> publication_of([Furniture("wechat_header", "原创 …", (3, 3), {"publication": "阿荣先锋"}),
    ...                 Furniture("source_line", "来源：阿荣旗委组织部", (9, 9), {"publication": "阿荣旗委组织部"})])[0]
    '阿荣先锋'

    A dateline's short name gives way to the full name the source line
    credits for the same outlet (see :func:`abbreviates`):

    >>> publication_of([Furniture("source_line", "来源：中国新闻网", (4, 4), {"publication": "中国新闻网"}),
    ...                 Furniture("wire_dateline", "中新网呼伦贝尔8月12日电", (5, 5), {"agency": "中新网"})])[0]
    '中国新闻网'
    """
    for kind, key, label in PUBLICATION_SOURCES:
        for piece in furniture:
            value = piece.fields.get(key) if piece.kind == kind else None
            if value and value not in OWN_PAPER and not ISSUING_BODY_RE.match(value):
                return _full_name(value, furniture) or (value, f"named by {label} “{piece.text}” (line {piece.lines[0]})")
    return None, ""


def _full_name(agency: str, furniture: list[Furniture]) -> tuple[str, str] | None:
    """The full name a source line gives the same outlet (来源：中国新闻网 for the dateline's 中新网), with its basis."""
    for piece in furniture:
        full = piece.fields.get("publication") if piece.kind == "source_line" else None
        if full and abbreviates(agency, full):
            return full, f"named by the source line “{piece.text}” (line {piece.lines[0]}), the full name of {agency}"
    return None


def annotate_report(report: Report, office: str, facts: dict, gazetteer: Gazetteer, seed_texts: list[str]) -> Report:
    """Add what rules derive about an assembled report: date, type, publication, regions, reporting year.

    ``office`` is the byline's office ("" without one); ``seed_texts`` is the
    whole seed's text: a date inferred from it applies to every report
    printed together in that seed.  Sidecar facts win over every rule, and
    each fact keeps its basis.
    """
    if "date" in facts:
        report.date, report.date_basis = facts["date"], "sidecar: " + facts["date_basis"]
    else:
        report.date, report.date_basis = infer_date(report.furniture + report.page_furniture, seed_texts)
    header = " ".join(filter(None, [report.kicker, report.title, report.subtitle]))
    doc_type, doc_basis = infer_doc_type({f.kind for f in report.furniture}, bool(office),
                                         any(i.kind == "caption" for i in report.items), header)
    report.doc_type = facts.get("doc_type", doc_type)
    if facts.get("publication"):
        report.publication, report.publication_basis = facts["publication"], "sidecar"
    else:
        report.publication, report.publication_basis = publication_of(report.furniture + report.page_furniture)
    offices = " ".join(filter(None, [office, report.issuer] + [a.office for a in report.authors if a.office]))
    paragraphs = [i.text for i in report.items if i.kind == "paragraph"]
    report.regions, report.mentioned_regions, report.regions_basis = subject_regions(
        gazetteer, " ".join(report.header_lines), offices, paragraphs)
    if facts.get("regions"):
        unknown = [name for name in facts["regions"] if name not in gazetteer.regions]
        if unknown:
            raise SidecarError(sidecar_path(report.seed.path), f"{'、'.join(unknown)} is not in the gazetteer",
                               "use the full names of build_scripts/data/gazetteer.yml (e.g. 正蓝旗, 锡林郭勒盟)",
                               where="key 'regions'")
        report.mentioned_regions = [n for n in report.regions + report.mentioned_regions if n not in facts["regions"]]
        report.regions, report.regions_basis = list(facts["regions"]), "sidecar"
    if "reporting_year" in facts:
        report.reporting_year, report.reporting_year_basis = facts["reporting_year"], "sidecar"
    else:
        report.reporting_year, report.reporting_year_basis = reporting_year(report)
    report.evidence.append(f"document type {report.doc_type}: " + ("sidecar" if "doc_type" in facts else doc_basis))
    return report
