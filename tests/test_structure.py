"""Unit tests for the structure passes of :mod:`build_scripts.text.passes`.

Each test builds a small seed in memory, shaped like one defect of the real
seeds (hard wraps, page breaks, picture gaps, furniture, bylines…), runs
``structure`` (or one pass over ``blocks``) and checks the units that come
out; the cases that only need a seed and the units expected of it are data,
in ``tests/cases/passes.yml``.  The last part checks that text which merely looks like Markdown or HTML
goes through untouched and is escaped by ``render.md_escape`` so that
Python-Markdown shows it literally.

"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import markdown
import pytest
import yaml
from case_files import CASES, cases_as_params
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.test_tools import TestCase as MarkdownTestCase

from build_scripts.model import Edit, Line, Seed, Unit
from build_scripts.site.markup import md_escape
from build_scripts.text.assemble import assign_header
from build_scripts.text.composite import split_reports
from build_scripts.text.layout import join_pieces
from build_scripts.text.passes import STRUCTURE_RULES, blocks, join_page_breaks, strip_edge_whitespace, structure
from build_scripts.text.rules import HAN_RE, RULES

# Distinct body paragraphs: long single lines ending a sentence, never headings or captions.
B1 = "锡林郭勒盟地处祖国北部边疆，是我国北方重要的生态安全屏障和安全稳定屏障，基层党建工作任务繁重。"
B2 = "近年来，锡林郭勒盟认真贯彻落实党的十九大精神，全面落实新时代党的建设总要求和新时代党的组织路线。"
B3 = "党群服务中心是新时期党领导基层治理的坚强阵地，是基层党组织联系服务党员群众的重要平台和窗口。"
B4 = "通辽市坚持把党员队伍建设作为党的建设的基础工作，严把发展质量，加大教育培训，创新管理方式。"

MD_EXTENSIONS = ["attr_list", "def_list", "tables"]


def seed(text: str) -> Seed:
    return Seed(path=Path("seeds/t.txt"), raw=text.encode(), text=text, encoding="utf-8", newline="LF",
                sha256="0" * 64)


def run(text: str) -> list[Unit]:
    return structure(seed(text))


def kinds(units: list[Unit]) -> list[str]:
    return [u.kind for u in units]


def of_kind(units: list[Unit], kind: str) -> list[Unit]:
    return [u for u in units if u.kind == kind]


def texts(units: list[Unit], kind: str) -> list[str]:
    return [u.text for u in of_kind(units, kind)]


def furniture(units: list[Unit], kind: str | None = None) -> list[Unit]:
    return [u for u in units if u.kind == "furniture" and kind in (None, u.fields["furniture"])]


def rules(unit: Unit) -> list[str]:
    return [edit.rule for edit in unit.edits]


# --- blocks and edge whitespace ------------------------------------------------------

def test_blocks_group_lines_and_count_the_blank_lines_before_each():
    units = blocks(seed("\n\n甲\n乙\n\n丙\n\n\n\n丁"))
    assert [[line.text for line in u.lines] for u in units] == [["甲", "乙"], ["丙"], ["丁"]]
    assert [u.gap_before for u in units] == [0, 1, 3]
    assert [u.span for u in units] == [(3, 4), (6, 6), (10, 10)]


def test_a_line_of_ideographic_spaces_is_blank():
    units = blocks(seed("甲\n\u3000\u3000\n乙"))
    assert [u.span for u in units] == [(1, 1), (3, 3)]


def test_indents_and_trailing_spaces_are_stripped_and_recorded():
    units = strip_edge_whitespace(blocks(seed("\u3000\u3000锡林郭勒\n 党建  ")))
    assert [line.text for line in units[0].lines] == ["锡林郭勒", "党建"]
    assert [(e.rule, e.before, e.after) for e in units[0].edits] == [
        ("strip_edge_whitespace", "\u3000\u3000锡林郭勒", "锡林郭勒"),
        ("strip_edge_whitespace", " 党建  ", "党建")]


def test_trailing_double_space_is_remembered_as_a_hard_break():
    units = strip_edge_whitespace(blocks(seed("软指标 变 硬任务  \n大力推动")))
    assert units[0].fields["hard_breaks"] == {1}


# --- hard wraps and paragraph ends -------------------------------------------------

@pytest.mark.parametrize("left, right, joined", [
    pytest.param("党员中心", "户等", "党员中心户等", id="han"),
    pytest.param("服务", "e家", "服务e家", id="han-then-latin"),
    pytest.param("Inner", "Mongolia", "Inner Mongolia", id="two-latin-words"),
    pytest.param("2016", "年", "2016年", id="digit-then-han"),
])
def test_join_pieces_inserts_a_space_only_between_latin_words(left, right, joined):
    assert join_pieces(left, right) == joined


def test_edits_stay_with_the_paragraph_of_their_line():
    units = run(B1 + "\n\xa0" + B2)
    assert "strip_edge_whitespace" not in rules(units[0])
    assert "strip_edge_whitespace" in rules(units[1])


# --- page breaks (the cases of seeds are in tests/cases/passes.yml) ---------------------------

def test_join_page_breaks_pass_on_units():
    units = [Unit("paragraph", [Line(1, "压实党委抓")], text="压实党委抓"),
             Unit("paragraph", [Line(3, "乡促村责任。")], text="乡促村责任。"),
             Unit("paragraph", [Line(5, "另起一段。")], text="另起一段。")]
    out = join_page_breaks(units)
    assert [u.text for u in out] == ["压实党委抓乡促村责任。", "另起一段。"]
    assert [line.number for line in out[0].lines] == [1, 3]


# --- credit lines -------------------------------------------------------------------

def test_credit_at_the_end_of_a_paragraph_is_taken_out():
    units = run(B1 + "（本版图文由锡林郭勒盟组织部提供）")
    assert texts(units, "paragraph") == [B1]
    [credit] = furniture(units, "credit")
    assert credit.text == "（本版图文由锡林郭勒盟组织部提供）"
    assert credit.fields["provider"] == "锡林郭勒盟组织部"
    assert credit.fields["what"] == "图文"
    assert credit.edits == [Edit("credit_line", B1[-8:] + "（本版图文由锡林郭勒盟组织部提供）", B1[-8:])]


# --- author lines and bylines --------------------------------------------------------

def test_author_line_with_box_mark_becomes_authors():
    units = run(B1 + "\n\n□巴依斯古楞 田冬冬\n\n" + B2)
    [author] = furniture(units, "author_line")
    assert author.fields["people"] == [("巴依斯古楞", "author"), ("田冬冬", "author")]
    assert texts(units, "paragraph") == [B1, B2]


@pytest.mark.parametrize("line, people", [
    pytest.param("本报记者 张三", [("张三", "reporter")], id="newspaper-reporter"),
    pytest.param("记者：王五、赵六", [("王五", "reporter"), ("赵六", "reporter")], id="reporter-colon-list"),
    pytest.param("通讯员 乌兰", [("乌兰", "correspondent")], id="correspondent"),
    pytest.param("本报记者 陈静 通讯员 田野", [("陈静", "reporter"), ("田野", "correspondent")], id="two-roles"),
    pytest.param("□记者 巴特尔 通讯员 孟和", [("巴特尔", "reporter"), ("孟和", "correspondent")], id="name-with-和"),
])
def test_author_line_with_a_role_word(line, people):
    """Role words are roles, never names; each name gets the role printed before it."""
    [author] = furniture(run(B1 + "\n\n" + line + "\n\n" + B2), "author_line")
    assert author.fields["people"] == people


def test_title_and_office_line_make_a_byline_block():
    units = run(B1 + "\n\n夯实基层基础 筑牢战斗堡垒\n锡林郭勒盟委书记 罗虎在\n\n" + B2)
    assert kinds(units) == ["paragraph", "byline", "paragraph"]
    byline = units[1]
    assert byline.text == "夯实基层基础 筑牢战斗堡垒"
    assert (byline.fields["office"], byline.fields["name"]) == ("锡林郭勒盟委书记", "罗虎在")
    assert byline.fields["byline"] == "锡林郭勒盟委书记 罗虎在"
    assert Edit("byline", "锡林郭勒盟委书记 罗虎在", "") in byline.edits


# --- document tail: distribution list, issuing line, page residue --------------------------

BODY = [f"第{n}条：" + b for n, b in enumerate([B1, B2, B3, B4] * 3, start=1)]
TAIL = ("报：中央巡回督导组\n\n王君书记，巴特尔主席，李佳副书记，张力书记，乌兰部长，\n李鹏新部长\n\n"
        "自治区党委教育实践活动领导小组各成员\n\n发：自治区各督导组，第一批教育实践活动各单位领导小组组长\n"
        "    各盟市、旗县（市、区）党委教育实践活动领导小组及其办公室\n挂：北疆先锋网，内蒙古组织工作网\n\n"
        "自治区党委教育实践活动领导小组办公室     2014年8月30日印发\nPAGE  \n4\n\n")


def test_distribution_tail_becomes_furniture_in_order():
    units = run("\n".join(BODY) + "\n" + TAIL)
    assert texts(units, "paragraph") == BODY
    assert [u.fields["furniture"] for u in furniture(units)] == [
        "distribution", "distribution", "distribution", "issuing_line", "page_residue", "page_residue"]
    assert kinds(units)[-6:] == ["furniture"] * 6


def test_distribution_entries_collect_their_continuation_lines_as_recipients():
    report, send, post = furniture(run("\n".join(BODY) + "\n" + TAIL), "distribution")
    assert report.fields["marker"] == "报"
    assert report.fields["recipients"] == ["中央巡回督导组", "王君书记", "巴特尔主席", "李佳副书记", "张力书记",
                                           "乌兰部长", "李鹏新部长", "自治区党委教育实践活动领导小组各成员"]
    assert send.fields["marker"] == "发"
    assert send.text.endswith("\n各盟市、旗县（市、区）党委教育实践活动领导小组及其办公室")
    assert post.fields["recipients"] == ["北疆先锋网", "内蒙古组织工作网"]


def test_issuing_line_gives_issuer_and_date_and_page_residue_goes():
    units = run("\n".join(BODY) + "\n" + TAIL)
    [issuing] = furniture(units, "issuing_line")
    assert issuing.fields["issuer"] == "自治区党委教育实践活动领导小组办公室"
    assert issuing.fields["date"] == "2014年8月30日"
    assert [u.text for u in furniture(units, "page_residue")] == ["PAGE", "4"]


def test_recipients_are_not_split_inside_brackets():
    for entry in furniture(run("\n".join(BODY) + "\n" + TAIL), "distribution"):
        for recipient in entry.fields["recipients"]:
            assert recipient.count("（") == recipient.count("）"), recipient


def test_distribution_tail_is_found_after_a_short_body():
    units = run("\n".join(BODY[:3]) + "\n" + TAIL)
    assert texts(units, "paragraph") == BODY[:3]
    assert len(furniture(units, "distribution")) == 3


# --- headings ---------------------------------------------------------------------

def test_bare_lines_are_not_headings_when_the_seed_uses_markdown_headings():
    units = run(B1 + "\n乌审旗突出四个重点夯实农村牧区党组织基础\n" + B2 + "\n\n## 小标题\n\n" + B3)
    assert texts(units, "heading") == ["小标题"]
    assert any("乌审旗突出四个重点夯实农村牧区党组织基础" in t for t in texts(units, "paragraph"))


# --- header zone ------------------------------------------------------------------

def test_kicker_title_and_subtitle_lines_before_the_body_are_the_header():
    units = run("壮丽70年 建功新时代——锡林郭勒发展巡礼(十三)\n\n让党旗在北疆草原高高飘扬\n\n"
                "锡林郭勒盟高标准高质量推进基层党建工作纪实\n\n" + B1)
    assert kinds(units) == ["header", "header", "header", "paragraph"]
    assert assign_header(of_kind(units, "header"))[:3] == (
        "壮丽70年 建功新时代——锡林郭勒发展巡礼（十三）", "让党旗在北疆草原高高飘扬", "锡林郭勒盟高标准高质量推进基层党建工作纪实")


def test_header_ends_at_the_author_line_and_colon_line_is_the_kicker():
    units = run("锡林郭勒：\n\n# 双抓共促 点燃乡村振兴新引擎\n\n□巴依斯古楞 田冬冬\n\n做优苏木乡镇党委\n\n" + B1)
    assert kinds(units)[:3] == ["header", "header", "furniture"]
    assert "header" not in kinds(units)[3:]
    assert assign_header(of_kind(units, "header"))[:3] == ("锡林郭勒：", "双抓共促 点燃乡村振兴新引擎", None)


def test_markdown_title_levels_make_the_shallower_one_the_kicker():
    units = run("# 启/航/新/征/程 展/现/新/作/为\n\n## 党旗下的坚强基石\n\n" + B1)
    assert [(u.kind, u.text, u.level) for u in units[:2]] == [
        ("header", "启航新征程 展现新作为", 1), ("header", "党旗下的坚强基石", 2)]
    assert assign_header(of_kind(units, "header"))[:2] == ("启航新征程 展现新作为", "党旗下的坚强基石")


def test_title_wrapped_over_two_lines_is_joined_without_a_space():
    units = run("乌审旗、正镶白旗、武川县\n集中解决基层党组织建设难题\n\n" + B1)
    assert texts(units, "header") == ["乌审旗、正镶白旗、武川县集中解决基层党组织建设难题"]


def test_title_lines_separated_by_a_markdown_hard_break_are_joined_with_a_space():
    units = run("软指标 变 硬任务  \n大力推动基层党组织书记种好 责任田\n\n" + B1)
    [header] = of_kind(units, "header")
    assert header.text == "软指标 变 硬任务 大力推动基层党组织书记种好 责任田"
    assert "join_title_lines" in rules(header)
    assert header.fields["lost_quotes"] == [header.text]


def test_no_header_when_the_seed_opens_with_body_text():
    units = run(B1 + "\n\n让党旗在北疆草原高高飘扬\n\n" + B2)
    assert of_kind(units, "header") == []


def test_spaced_title_is_restored_in_the_header_but_not_in_paragraphs():
    units = run("党 旗 飘 扬\n\n" + B1 + "\n党 旗 飘 扬，这是正文中的文字，字与字之间的空格不是标题排版，应当保留下来。")
    assert texts(units, "header") == ["党旗飘扬"]
    assert texts(units, "paragraph")[1].startswith("党 旗 飘 扬，")


# --- repeated paragraphs ------------------------------------------------------------

def test_exact_repeated_paragraph_is_kept_once_and_the_copy_logged():
    units = run(B1 + "\n\n" + B2 + "\n\n" + B1)
    assert texts(units, "paragraph") == [B1, B2]
    kept = units[0]
    assert Edit("remove_repeated_paragraph", B1, "", discarded=True) in kept.edits
    assert kept.span == (1, 5)


def test_truncated_later_copy_is_dropped_and_logged():
    units = run(B1 + "\n\n" + B2 + "\n\n" + B1[:25] + "\n\n## 下一节\n\n" + B3)
    assert texts(units, "paragraph") == [B1, B2, B3]
    assert Edit("remove_repeated_paragraph", B1[:25], "", discarded=True) in units[0].edits


def test_longer_later_copy_replaces_the_truncated_first_one_in_place():
    first_sentence = "锡林郭勒盟地处祖国北部边疆，是我国北方重要的生态安全屏障。"
    whole = first_sentence + "基层党建工作任务繁重，各级党组织持续用力。"
    units = run(first_sentence + "\n\n" + B2 + "\n\n" + whole)
    assert texts(units, "paragraph") == [whole, B2]
    assert Edit("remove_repeated_paragraph", first_sentence, "", discarded=True) in units[0].edits


def test_truncated_copy_printed_before_the_full_copy_is_dropped():
    whole = B2 + B3
    units = run(B1 + "\n\n" + whole[:60] + "\n\n" + whole + "\n\n" + B4)
    assert texts(units, "paragraph") == [B1, whole, B4]
    assert Edit("remove_repeated_paragraph", whole[:60], "", discarded=True) in units[1].edits


# --- composite seeds: split_reports ---------------------------------------------------

REGIONS = {"锡林郭勒盟": "锡林郭勒盟", "锡林郭勒": "锡林郭勒盟", "赤峰市": "赤峰市", "赤峰": "赤峰市",
           "西乌珠穆沁旗": "西乌珠穆沁旗"}
PARENTS = {"西乌珠穆沁旗": "锡林郭勒盟"}
REGION_RE = re.compile("|".join(sorted(REGIONS, key=len, reverse=True)))


def regions_in(text: str, with_parents: bool = False) -> list[str]:
    """A two-league stand-in for Gazetteer.regions_in."""
    names: list[str] = []
    for match in REGION_RE.finditer(text):
        name = REGIONS[match.group(0)]
        for each in [name] + ([PARENTS[name]] if with_parents and name in PARENTS else []):
            if each not in names:
                names.append(each)
    return names


XLGL_TEXT = "锡林郭勒盟各级党组织进一步坚定从严管党治党的信心和决心，不断夯实基层基础，筑牢战斗堡垒。"
CF_TEXT = "赤峰市从严落实责任，形成齐抓共管工作合力，认真落实从严治党制度，完善定期研究包联机制。"
XLGL_BYLINE = "夯实基层基础 筑牢战斗堡垒\n锡林郭勒盟委书记 罗虎在"
CF_BYLINE = "狠抓基层党建 筑牢从严治党根基\n赤峰市委书记 毕力夫"


def pairs(parts) -> list[tuple[str, list[str]]]:
    return [(p.byline.fields["office"], [u.text for u in p.units if u.kind == "paragraph"]) for p in parts]


def test_trailing_bylines_head_the_text_printed_before_them():
    units = run("\n\n".join([XLGL_TEXT, XLGL_BYLINE, CF_TEXT, CF_BYLINE]))
    parts = split_reports(units, regions_in)
    assert pairs(parts) == [("锡林郭勒盟委书记", [XLGL_TEXT]), ("赤峰市委书记", [CF_TEXT])]
    assert parts[0].evidence[0].startswith("layout: title and byline printed after the text they head")
    assert "regional match score 2 of 2 (other alignment 0)" in parts[0].evidence[0]
    assert parts[0].evidence[1] == "byline office 锡林郭勒盟委书记 names 锡林郭勒盟; the text mentions 锡林郭勒盟"


def test_leading_bylines_head_the_text_printed_after_them():
    units = run("\n\n".join([XLGL_BYLINE, XLGL_TEXT, CF_BYLINE, CF_TEXT]))
    parts = split_reports(units, regions_in)
    assert pairs(parts) == [("锡林郭勒盟委书记", [XLGL_TEXT]), ("赤峰市委书记", [CF_TEXT])]
    assert parts[0].evidence[0].startswith("layout: title and byline printed before the text they head")


@pytest.mark.parametrize("order, layout", [
    pytest.param("trailing", "after", id="seed-ends-with-a-byline"),
    pytest.param("leading", "before", id="seed-opens-with-a-byline"),
])
def test_without_regional_evidence_the_bare_end_of_the_seed_decides(order, layout):
    text_a, text_b = XLGL_TEXT.replace("锡林郭勒盟", "该盟"), CF_TEXT.replace("赤峰市", "该市")
    blocks_ = [text_a, XLGL_BYLINE, text_b, CF_BYLINE] if order == "trailing" else [XLGL_BYLINE, text_a, CF_BYLINE, text_b]
    parts = split_reports(run("\n\n".join(blocks_)), regions_in)
    assert pairs(parts) == [("锡林郭勒盟委书记", [text_a]), ("赤峰市委书记", [text_b])]
    assert f"printed {layout} the text they head" in parts[0].evidence[0]
    assert "regional match score 0 of 2" in parts[0].evidence[0]
    assert parts[0].evidence[1].endswith("the text names no place of that region")


def test_regional_evidence_outweighs_the_layout():
    # Opens with text and ends with a byline (looks trailing), but each text names the region of the
    # byline printed before it.
    units = run("\n\n".join([CF_TEXT, XLGL_BYLINE, XLGL_TEXT, CF_BYLINE]))
    parts = split_reports(units, regions_in)
    assert pairs(parts) == [("锡林郭勒盟委书记", [CF_TEXT, XLGL_TEXT]), ("赤峰市委书记", [])]
    assert "printed before the text they head" in parts[0].evidence[0]


def test_a_county_in_the_text_counts_for_its_league():
    county_text = XLGL_TEXT.replace("锡林郭勒盟", "西乌珠穆沁旗")
    parts = split_reports(run("\n\n".join([county_text, XLGL_BYLINE, CF_TEXT, CF_BYLINE])), regions_in)
    assert pairs(parts)[0] == ("锡林郭勒盟委书记", [county_text])
    assert parts[0].evidence[1].endswith("the text mentions 锡林郭勒盟")


def test_seed_without_bylines_is_one_part():
    units = run(B1 + "\n\n" + B2)
    [part] = split_reports(units, regions_in)
    assert part.units == units and part.byline is None


# --- text that looks like markup is text ---------------------------------------------

MARKUP_LOOKALIKES = [
    "<script>alert(1)</script>这不是代码，而是正文里的文字，应当原样保留下来，不能被当作网页脚本执行。",
    "1. 列表不是列表，这一行是正文，足够长并且以句号结束，不应被改动，也不应该变成编号列表的一项。",
    "这里有*强调*和_下划线_以及**粗体**，还有#话题#和> 引用符号，它们都是正文里的普通文字，应当保留。",
    "- 这一行以连字符开头，看起来像列表项，但它是正文，长度足够并且以句号结束，所以应当原样保留下来。",
]


def test_markup_lookalikes_in_paragraphs_pass_through_the_structure_unchanged():
    units = run(B1 + "\n" + "\n".join(MARKUP_LOOKALIKES))
    assert texts(units, "paragraph") == [B1] + MARKUP_LOOKALIKES
    assert all(u.edits == [] for u in units)


class TestMdEscapeRendersLiterally(MarkdownTestCase):
    """Golden pairs: seed text -> HTML that Python-Markdown makes of ``md_escape(text)``."""

    default_kwargs = {"extensions": MD_EXTENSIONS}

    def assertEscapedRenders(self, text, expected):
        self.assertMarkdownRenders(md_escape(text), expected)
        self.assertEqual(html.unescape(re.sub(r"<[^>]+>", "", markdown.markdown(md_escape(text), **self.default_kwargs))),
                         text)

    def test_html_tags(self):
        self.assertEscapedRenders("<script>alert(1)</script>正文", "<p>&lt;script&gt;alert(1)&lt;/script&gt;正文</p>")

    def test_html_comment(self):
        self.assertEscapedRenders("<!-- 注释 -->", "<p>&lt;!-- 注释 --&gt;</p>")

    def test_entity_stays_literal(self):
        self.assertEscapedRenders("&copy; &amp;", "<p>&amp;copy; &amp;amp;</p>")

    def test_ordered_list_marker(self):
        self.assertEscapedRenders("1. 列表", "<p>1. 列表</p>")

    def test_bullet_markers(self):
        self.assertEscapedRenders("- 列表项 + 加号 * 星号", "<p>- 列表项 + 加号 * 星号</p>")

    def test_heading_mark(self):
        self.assertEscapedRenders("# 不是标题", "<p># 不是标题</p>")

    def test_emphasis(self):
        self.assertEscapedRenders("*强调*和**粗体**和_下划线_", "<p>*强调*和**粗体**和_下划线_</p>")

    def test_blockquote_marker(self):
        self.assertEscapedRenders("> 引用", "<p>&gt; 引用</p>")

    def test_link_and_image(self):
        self.assertEscapedRenders("[链接](http://example.com) ![图](x.png)",
                                  "<p>[链接](http://example.com) ![图](x.png)</p>")

    def test_code_span(self):
        self.assertEscapedRenders("`代码`", "<p>`代码`</p>")

    def test_definition_list_colon(self):
        self.assertEscapedRenders(": 定义", "<p>&#58; 定义</p>")

    def test_table_pipes(self):
        self.assertEscapedRenders("| 表 | 格 |", "<p>| 表 | 格 |</p>")

    def test_attr_list_braces(self):
        self.assertEscapedRenders("{: .cls #id }", "<p>{: .cls #id }</p>")

    def test_horizontal_rule(self):
        self.assertEscapedRenders("---", "<p>---</p>")

    def test_backslash(self):
        self.assertEscapedRenders("C:\\Users", "<p>C:\\Users</p>")

    def test_paragraph_with_its_id_line_as_render_writes_it(self):
        self.assertMarkdownRenders(md_escape("1. 列表 <b>粗</b>") + "\n{: #p1 .paragraph }",
                                   '<p class="paragraph" id="p1">1. 列表 &lt;b&gt;粗&lt;/b&gt;</p>')


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(st.sampled_from(list("abcXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
                               + list("党建锡林郭勒，。：；（）“”、《》")), min_size=1, max_size=30)
       .filter(lambda s: s == s.strip()))
def test_md_escape_always_renders_the_literal_text(text):
    output = markdown.markdown(md_escape(text), extensions=MD_EXTENSIONS)
    assert html.unescape(re.sub(r"<[^>]+>", "", output)) == text


# --- whole-structure properties --------------------------------------------------------

def test_every_edit_names_a_documented_rule():
    text = ("锡林郭勒：\n\n# 启/航/新/征/程\n\n□巴依斯古楞 田冬冬\n\n" + B1[:-1] + ",压实 2016 年\n\n\n\n图片说明\n\n"
            "乡促村责任。\n\n## 小标题\n\n" + B2 + "\n\xa0乌审旗突出四个重点\n" + B3 + "\n\n蒙古包\n\n宣讲\n\n为广\n\n"
            + B2 + "（本版图文由锡林郭勒盟组织部提供）\n\n夯实基层基础 筑牢战斗堡垒\n锡林郭勒盟委书记 罗虎在\n\n"
            "党员中心\n户等特色平台作用。\n\n" + "\n".join(BODY) + "\n" + TAIL)
    documented = set(STRUCTURE_RULES) | {rule.name for rule in RULES}
    used = {edit.rule for unit in run(text) for edit in unit.edits}
    assert used <= documented
    assert len(used) >= 12


HAN_POOL = "党建锡林郭勒盟委书记报发挂本版图文由提供组织部乌审旗"
LINES = st.one_of(
    st.text(st.sampled_from(list(HAN_POOL + "，。：；、“”（）() \u3000#□12,.:")), max_size=50),
    st.just(""),
    st.sampled_from(["报：中央巡回督导组", "□巴依斯古楞 田冬冬", "锡林郭勒盟委书记 罗虎在", "PAGE", "4", "## 小标题",
                     "（本版图文由锡林郭勒盟组织部提供）", "办公室     2014年8月30日印发"]))


def accounted_han(units: list[Unit]) -> Counter:
    """Han characters in the text, furniture, bylines and discarded copies of the units."""
    pieces = []
    for unit in units:
        pieces.append(unit.text)
        if unit.kind == "byline":
            pieces.append(unit.fields["byline"])
        pieces += [edit.before for edit in unit.edits if edit.discarded]
    return Counter(ch for piece in pieces for ch in HAN_RE.findall(piece))


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(LINES, min_size=1, max_size=30))
def test_structure_accounts_for_every_han_character_exactly_once(lines):
    text = "\n".join(lines)
    assert accounted_han(run(text)) == Counter(HAN_RE.findall(text))


# --- seed → units cases as data (tests/cases/passes.yml) ---------------------------------------------

PASS_FILE = yaml.safe_load((CASES / "passes.yml").read_text(encoding="utf-8"))
PASS_CASES = PASS_FILE["cases"]


def expand(value, paragraphs=PASS_FILE["paragraphs"]):
    """A case's value with ``{B1}``…``{B4}`` written out (in strings, and inside lists and mappings)."""
    if isinstance(value, str):
        for name, text in paragraphs.items():
            value = value.replace("{" + name + "}", text)
        return value
    if isinstance(value, list):
        return [expand(v) for v in value]
    if isinstance(value, dict):
        return {k: expand(v) for k, v in value.items()}
    return value


def unit_view(unit: Unit, wanted: dict) -> dict:
    """The fields of ``unit`` a case names, in the case's terms."""
    view = {"kind": unit.kind, "text": unit.text, "level": unit.level, "span": list(unit.span),
            "gap_before": unit.gap_before, "rules": rules(unit),
            "edits": [[e.rule, e.before, e.after] for e in unit.edits],
            "fields": dict(unit.fields)}
    return {key: view[key] for key in wanted}


def pass_mismatches(case: dict) -> dict:
    """What the structure passes made of the case's seed, wherever it differs from the case."""
    case = expand(case)
    units = run(case["seed"])
    found = {}
    if "kinds" in case:
        found["kinds"] = kinds(units)
    for kind in case.get("texts", {}):
        plain, _, furniture_kind = kind.partition(":")
        selected = furniture(units, furniture_kind) if furniture_kind else of_kind(units, plain)
        found.setdefault("texts", {})[kind] = [u.text for u in selected]
    for index, wanted in case.get("units", {}).items():
        found.setdefault("units", {})[index] = unit_view(units[index], wanted) if index < len(units) else None
    expected = {key: case[key] for key in ("kinds", "texts", "units") if key in case}
    return {} if found == expected else {"expected": expected, "found": found}


def test_pass_cases_are_labelled_once():
    labels = [case["label"] for case in PASS_CASES]
    assert len(labels) == len(set(labels)) and len(labels) >= 40


@pytest.mark.parametrize("case", cases_as_params(PASS_CASES))
def test_pass_case(case):
    assert pass_mismatches(case) == {}
