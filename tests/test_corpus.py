"""The five seeds as a whole: twelve reports, each right, no defect surviving, nothing lost."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension

from build_scripts.annotate.glossary import load_glossary
from build_scripts.annotate.places import Gazetteer
from build_scripts.errors import ConservationError
from build_scripts.export.records import report_record
from build_scripts.pipeline import ROOT, build_reports, reports_from_seed
from build_scripts.site.report_page import page_markdown
from build_scripts.text import rules as clean
from build_scripts.text.assemble import RULE_DESCRIPTIONS, check_conservation
from build_scripts.text.ingest import read_seed, seed_paths
from build_scripts.text.rules import HAN_RE

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def reports():
    return {r.id: r for r in build_reports(SEEDS)}


EXPECTED = [
    # id suffix, title, author, office, first region
    ("000-97fd27dffeb8dc41-01", "夯实基层基础 筑牢战斗堡垒", "罗虎在", "锡林郭勒盟委书记", "锡林郭勒盟"),
    ("000-97fd27dffeb8dc41-02", "狠抓基层党建 筑牢从严治党根基", "毕力夫", "赤峰市委书记", "赤峰市"),
    ("000-97fd27dffeb8dc41-03", "从严从实推动基层党建全面加强全面过硬", "牛俊雁", "鄂尔多斯市委书记", "鄂尔多斯市"),
    ("000-97fd27dffeb8dc41-04", "树立“最大政绩”理念 强化“第一责任”落实", "艾丽华", "乌兰察布市委书记", "乌兰察布市"),
    ("000-97fd27dffeb8dc41-05", "为打造自治区西部区域中心提供坚强组织保证", "史万钧", "乌海市委书记", "乌海市"),
    ("000-97fd27dffeb8dc41-06", "履职尽责抓党建 强基固本促发展", "段志强", "巴彦淖尔市委书记", "巴彦淖尔市"),
    ("000-97fd27dffeb8dc41-07", "牢固树立大抓基层导向 切实履行管党治党责任", "张恩惠", "兴安盟委书记", "兴安盟"),
    ("000-97fd27dffeb8dc41-08", "抓好基层党建 夯实执政基础", "包钢", "阿拉善盟委书记", "阿拉善盟"),
    ("001-353f4f72e554a0ae", "乌审旗、正镶白旗、武川县集中解决基层党组织建设难题",
     "自治区党委教育实践活动领导小组办公室", None, "乌审旗"),  # the title names three banners: the subject, not their cities
    ("002-2778e66e9170e371", "让党旗在北疆草原高高飘扬", "锡林郭勒盟组织部", None, "锡林郭勒盟"),
    ("003-d6548c407ea27bf5", "双抓共促 点燃乡村振兴新引擎", "巴依斯古楞", None, "锡林郭勒盟"),
    ("004-1e4098aa4da3de56", "党旗下的坚强基石", None, None, "通辽市"),
]


def test_twelve_reports(reports):
    assert sorted(reports) == sorted(e[0] for e in EXPECTED)


@pytest.mark.parametrize("report_id, title, author, office, region", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_title_author_office_region(reports, report_id, title, author, office, region):
    report = reports[report_id]
    assert report.title == title
    if author:
        match = [a for a in report.authors if a.name == author]
        assert match and match[0].office == office
    else:
        assert not report.authors
    assert report.regions[0] == region


def test_report_naming_alashan_pioneer_action_is_by_bao_gang(reports):
    [report] = [r for r in reports.values() if any("阿拉善先锋行动" in i.text for i in r.items)]
    assert [(a.name, a.office) for a in report.authors] == [("包钢", "阿拉善盟委书记")]
    assert "阿拉善盟" in report.regions


def test_composite_split_records_layout_evidence(reports):
    evidence = reports["000-97fd27dffeb8dc41-03"].evidence
    assert "printed after the text" in evidence[0]
    assert "鄂尔多斯市" in evidence[1]


def test_001_county_sections_are_headings(reports):
    headings = [i.text for i in reports["001-353f4f72e554a0ae"].items if i.kind == "heading"]
    assert [h[:3] for h in headings] == ["乌审旗", "正镶白", "武川县"]


def test_header_lines(reports):
    assert reports["004-1e4098aa4da3de56"].kicker == "启航新征程 展现新作为"
    assert reports["002-2778e66e9170e371"].kicker == "壮丽70年 建功新时代——锡林郭勒发展巡礼（十三）"
    assert reports["002-2778e66e9170e371"].subtitle == "锡林郭勒盟高标准高质量推进基层党建工作纪实"
    assert reports["003-d6548c407ea27bf5"].kicker == "锡林郭勒："


def test_dates_and_types(reports):
    assert reports["001-353f4f72e554a0ae"].date == "2014-08-30"
    assert reports["001-353f4f72e554a0ae"].date_basis.startswith("stated")
    assert reports["001-353f4f72e554a0ae"].doc_type == "bulletin"
    assert reports["000-97fd27dffeb8dc41-05"].doc_type == "duty_report"
    assert reports["004-1e4098aa4da3de56"].doc_type == "newspaper_feature"
    assert all(r.date and r.date_basis for r in reports.values())


def body(report):
    return [i.text for i in report.items]


# --- the defects of the seeds, none surviving -------------------------------------

def test_no_line_breaks_survive(reports):
    for report in reports.values():
        for text in body(report):
            assert "\n" not in text


@pytest.mark.parametrize("report_id, joined", [
    ("000-97fd27dffeb8dc41-01", "党员中心户等特色平台"),   # hard wrap 党员中心 / 户
    ("000-97fd27dffeb8dc41-01", "2016年在党中央"),        # 2016 年
    ("000-97fd27dffeb8dc41-01", "选派78名副处级"),        # 选派 78 / 名
    ("000-97fd27dffeb8dc41-01", "增加至50%。二是深入开展"),  # page break inside 二 / 是
    ("003-d6548c407ea27bf5", "压实苏木乡镇党委抓乡促村责任"),
    ("002-2778e66e9170e371", "不断满足农牧民对美好生活的需要"),
    ("004-1e4098aa4da3de56", "将支部工作条例、组织工作条例"),
    ("002-2778e66e9170e371", "茫茫大草原，一个党支部"),  # half-width comma
    ("002-2778e66e9170e371", "驻区（包联）单位"),        # half-width brackets
    ("002-2778e66e9170e371", "29.17%和22.79%"),          # numbers untouched
    ("002-2778e66e9170e371", "1.58亿元"),
])
def test_repaired_text_is_present(reports, report_id, joined):
    assert any(joined in text for text in body(reports[report_id]))


def test_no_halfwidth_punctuation_or_han_digit_spaces(reports):
    for report in reports.values():
        for text in body(report) + [report.title, report.kicker or "", report.subtitle or ""]:
            assert not re.search(f"[{clean.HAN}][,:;()?!]|[,:;()?!][{clean.HAN}]", text), text
            assert not re.search(f"[{clean.HAN}] +[0-9]|[0-9%] +[{clean.HAN}]", text), text
            assert not re.search(f"[{clean.HAN}]/[{clean.HAN}]", text), text


def test_no_repeated_paragraphs(reports):
    for report in reports.values():
        texts = [re.sub(r"\s", "", i.text) for i in report.items if i.kind == "paragraph"]
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                assert not (a.startswith(b) or b.startswith(a))
    removed = [e for r in reports.values() for e in r.edits if e.rule == "remove_repeated_paragraph"]
    assert {e.before[:6] for e in removed} == {"面对新兴领域", "抓实队伍建设"}


@pytest.mark.parametrize("report_id, caption", [
    ("002-2778e66e9170e371", "蒙古包里的宣讲"),
    ("003-d6548c407ea27bf5", "正蓝旗蒙医医院志愿团队到基层为牧民义诊。"),
    ("004-1e4098aa4da3de56", "科左后旗老党员农技志愿者吉力特为农户进行现场技术指导。"),
    ("002-2778e66e9170e371", "大盟员进社区送去服务 / 锡林郭勒盟各级党员干部 / “最后一公里” / 为广"),
])
def test_captions_are_captions_not_text(reports, report_id, caption):
    items = reports[report_id].items
    assert [i.kind for i in items if i.text == caption] == ["caption"]
    assert not any(caption[:7] in i.text for i in items if i.kind == "paragraph")


@pytest.mark.parametrize("residue", ["报：", "发：", "挂：", "印发", "PAGE", "本版图", "□", "提供）"])
def test_furniture_is_out_of_the_text(reports, residue):
    for report in reports.values():
        assert not any(residue in text for text in body(report)), residue


def test_bulletin_furniture_becomes_metadata(reports):
    report = reports["001-353f4f72e554a0ae"]
    kinds = Counter(f.kind for f in report.furniture)
    assert kinds == {"distribution": 3, "issuing_line": 1, "page_residue": 2}
    recipients = [f.fields["recipients"] for f in report.furniture if f.kind == "distribution"]
    assert recipients[2] == ["北疆先锋网", "内蒙古组织工作网"]
    assert report.issuer == "自治区党委教育实践活动领导小组办公室"


def test_lost_quotation_marks_are_flagged(reports):
    notes = [n["text"] for n in reports["004-1e4098aa4da3de56"].notes]
    for snippet in ("五面红旗嘎查村 争创活动", "软指标 变 硬任务", "种好 责任田"):
        assert any(snippet in n for n in notes), snippet


def test_every_edit_names_a_documented_rule(reports):
    rules = {e.rule for r in reports.values() for e in r.edits}
    assert rules <= set(RULE_DESCRIPTIONS)
    assert {"join_hard_wraps", "join_page_breaks", "fullwidth_punctuation", "remove_space_between_han_and_digit",
            "restore_spaced_title", "remove_repeated_paragraph", "image_gap_caption", "caption_fragments",
            "distribution_list", "issuing_line", "page_residue", "credit_line", "author_line", "byline",
            "bare_line_heading", "markdown_heading"} <= rules


# --- conservation --------------------------------------------------------------------

def test_every_han_character_is_accounted_for(reports):
    for path in seed_paths(SEEDS):
        seed = read_seed(path)
        mine = [r for r in reports.values() if r.seed.path == path]
        check_conservation(seed, mine)
        source = Counter(HAN_RE.findall(seed.text))
        assert sum(source.values()) > 1000


def test_a_rule_that_loses_a_character_stops_the_build(monkeypatch):
    from build_scripts.text import passes as split
    original = split.join_pieces
    monkeypatch.setattr(split, "join_pieces", lambda left, right: original(left, right[1:]))
    with pytest.raises(ConservationError) as caught:
        reports_from_seed(read_seed(SEEDS / "000_97fd27dffeb8dc41.txt"), Gazetteer())
    assert "missing" in str(caught.value) and "000_97fd27dffeb8dc41.txt" in str(caught.value)


def test_text_duplicated_into_a_report_stops_the_build():
    reports = reports_from_seed(read_seed(SEEDS / "003_d6548c407ea27bf5.txt"), Gazetteer())
    reports[0].items.append(reports[0].items[0])
    with pytest.raises(ConservationError, match="injected"):
        check_conservation(reports[0].seed, reports)


# --- pages and data ------------------------------------------------------------------------

class PageSnapshot(SingleFileSnapshotExtension):
    """One Markdown file per report page (``tests/__snapshots__/test_corpus/``), so a diff names the page."""

    file_extension = "md"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.mark.parametrize("report_id", [e[0] for e in EXPECTED])
def test_page_snapshot(reports, glossary, snapshot, report_id):
    """Every generated report page, byte for byte; update deliberately with --snapshot-update."""
    page = page_markdown(reports[report_id], glossary=glossary)
    assert page.encode("utf-8") == snapshot(extension_class=PageSnapshot)


def test_exported_record_shape(reports):
    record = report_record(reports["002-2778e66e9170e371"])
    assert {"id", "url", "title", "date", "authors", "regions", "doc_type", "publication", "source",
            "paragraphs", "edits"} <= set(record)
    assert record["url"] == "reports/002-2778e66e9170e371/"
    assert set(record["source"]) >= {"file", "sha256"}
    assert {p["kind"] for p in record["paragraphs"]} <= {"heading", "paragraph", "caption", "note"}
    assert all(set(e) == {"rule", "paragraph", "before", "after", "line"} for e in record["edits"])
    json.dumps(record, ensure_ascii=False)
