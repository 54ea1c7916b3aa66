"""Unit cases for the rules of web, WeChat, news-app, lead and wire copies (issue 14, held-out layouts).

Each rule gets before/after cases and must-not-change cases: text that looks
like the furniture but is a report's own words stays text.  Seeds are built in
memory; no case quotes a fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.annotate.metadata import abbreviates, publication_of
from build_scripts.model import Furniture, Seed, Unit
from build_scripts.text.app_furniture import wechat_header
from build_scripts.text.captions import photo_credit
from build_scripts.text.dates import find_dates
from build_scripts.text.news_furniture import furniture_fields
from build_scripts.text.passes import structure
from build_scripts.text.people import people

BODY = "今年以来，这个嘎查把党员编入网格，为牧户办成实事四十多件，群众满意度明显提高。"
MORE = "嘎查党支部每月召开一次议事会，把群众反映的饮水、取暖、道路等问题逐一登记在册，限时办结并向全体牧民公开办理结果。"


def run(text: str) -> list[Unit]:
    seed = Seed(path=Path("seeds/t.txt"), raw=text.encode(), text=text, encoding="utf-8", newline="LF", sha256="0" * 64)
    return structure(seed)


def furniture(units: list[Unit], kind: str) -> list[Unit]:
    return [u for u in units if u.kind == "furniture" and u.fields["furniture"] == kind]


def texts(units: list[Unit], kind: str) -> list[str]:
    return [u.text for u in units if u.kind == kind]


# --- furniture phrases --------------------------------------------------------------------------

@pytest.mark.parametrize("line, kind, fields", [
    pytest.param("时间：2019-4-7  信息来源：兴安日报  作者：王立  点击数：356", "source_line",
                 {"publication": "兴安日报", "date": "2019-04-07", "authors": ["王立"]}, id="info-line-unpadded-date"),
    pytest.param("转自：通辽日报", "source_line", {"publication": "通辽日报"}, id="repost-credit"),
    pytest.param("发布机构：中共正蓝旗委组织部", "disclosure", {"issuer": "中共正蓝旗委组织部"}, id="disclosure-issuer"),
    pytest.param("索引号：000123/2020-00042", "disclosure", {}, id="disclosure-index"),
    pytest.param("文　　号：无", "disclosure", {}, id="disclosure-number-spaced"),
    pytest.param("成文日期：2020-06-01", "date_line", {"date": "2020-06-01"}, id="disclosure-date"),
    pytest.param("上一篇：某旗召开党建工作会", "adjacent_links", {}, id="previous-story"),
    pytest.param("文字：王立 李芳", "credit_text", {"authors": ["王立", "李芳"]}, id="text-credit"),
    pytest.param("图片：李芳", "credit_photo", {"photographers": ["李芳"]}, id="picture-credit"),
    pytest.param("点击蓝字 关注我们", "app_prompt", {}, id="follow-prompt"),
    pytest.param("长按识别二维码关注我们", "app_prompt", {}, id="qr-prompt"),
    pytest.param("打开某某客户端，阅读体验更佳", "app_prompt", {}, id="open-the-app"),
    pytest.param("举报", "app_prompt", {}, id="report-link"),
    pytest.param("阅读 3.5万", "tools", {}, id="read-counter"),
    pytest.param("【打印此页】　【关闭窗口】", "tools", {}, id="print-this-page"),
])
def test_furniture_line_and_what_it_holds(line, kind, fields):
    found = furniture_fields(line)
    assert found is not None and found["kind"] == kind
    assert {key: found[key] for key in fields} == fields


@pytest.mark.parametrize("line", [
    "信息来源广泛，群众反映的问题都登记在册。",
    "旗里调整了发布机构的工作职责，做到一事一办。",
    "他把经验分享给大家，党员们纷纷点赞。",
    "上一篇文章写到的嘎查，今年又有了新变化。",
    "图：牧民在学习",
    "阅读原文件后，支部书记逐条讲解。",
    "举报箱设在村部门口，群众可以随时投递。",
])
def test_report_sentences_that_look_like_furniture_stay_text(line):
    assert furniture_fields(line) is None


# --- people ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, role, found", [
    ("正北方网记者 张钰", "reporter", [("张钰", "reporter")]),
    ("草原全媒·乌兰察布日报记者 杜鹃", "author", [("杜鹃", "reporter")]),
    ("测试作者", "author", [("测试作者", "author")]),
    ("记者 王立 通讯员 李芳", "author", [("王立", "reporter"), ("李芳", "correspondent")]),
])
def test_an_outlet_before_a_role_word_is_not_a_name(text, role, found):
    assert people(text, role) == found


# --- WeChat header, site and account names ----------------------------------------------------------

def test_wechat_header_gives_account_issuer_and_date():
    header = wechat_header("原创 正蓝旗委组织部 正蓝先锋 2020年05月06日 08:30 内蒙古")
    assert header == {"publication": "正蓝先锋", "date": "2020-05-06", "issuer": "正蓝旗委组织部"}


@pytest.mark.parametrize("line", ["原创作品展在旗文化馆开幕", "原创 歌曲 唱响 草原", "原创节目2021年06月18日首演，观众很多。"])
def test_not_a_wechat_header(line):
    assert wechat_header(line) is None


def test_site_name_above_the_menu_is_the_masthead():
    units = run(f"某旗人民政府\n首页 | 新闻 | 党建 | 政务\n某旗：党员网格化服务见实效\n\n{BODY}\n\n{MORE}\n")
    (masthead,) = furniture(units, "masthead")
    assert masthead.text == "某旗人民政府" and masthead.fields["publication"] == "某旗人民政府"
    assert texts(units, "header") == ["某旗：党员网格化服务见实效"]


def test_account_name_above_the_date_in_a_wechat_copy_is_the_masthead():
    units = run(f"正蓝先锋\n2022-03-07 18:30\n\n嘎查新班子这样开好局\n\n{BODY}\n\n{MORE}\n\nEND\n\n长按识别二维码关注我们\n")
    assert [u.text for u in furniture(units, "masthead")] == ["正蓝先锋"]
    assert texts(units, "header") == ["嘎查新班子这样开好局"]


def test_title_above_the_date_of_a_news_page_stays_the_title():
    units = run(f"嘎查新班子这样开好局\n2022-03-07 18:30\n\n{BODY}\n\n{MORE}\n")
    assert not furniture(units, "masthead")
    assert texts(units, "header") == ["嘎查新班子这样开好局"]


# --- column tags, end marks, marked captions, outlet bylines ------------------------------------------

def test_column_tag_above_the_title_is_furniture_not_a_kicker():
    units = run(f"【喜迎二十大·基层行】\n某旗：宣讲进毡房\n\n{BODY}\n\n{MORE}\n")
    assert [u.text for u in furniture(units, "column_tag")] == ["【喜迎二十大·基层行】"]
    assert texts(units, "header") == ["某旗：宣讲进毡房"]


def test_end_mark_after_the_last_sentence_and_end_line_are_furniture():
    units = run(f"{BODY}\n\n{MORE}(完)\n\nEND\n")
    assert [u.text for u in furniture(units, "end_mark")] == ["(完)", "END"]
    assert texts(units, "paragraph")[-1] == MORE


def test_caption_marked_with_a_triangle_loses_its_marker():
    units = run(f"{BODY}\n\n▲ 党员入户宣讲惠农政策\n\n{MORE}\n")
    assert texts(units, "caption") == ["党员入户宣讲惠农政策"]
    assert any(e.rule == "marked_caption" for u in units for e in u.edits)


def test_a_triangle_inside_a_line_is_no_caption_marker():
    units = run(f"{BODY}\n\n星级评定分为▲和△两档，每季度评定一次。\n\n{MORE}\n")
    assert texts(units, "caption") == []


def test_outlet_byline_gives_people_and_the_paper():
    units = run(f"某旗：牧区党建联合体抱团闯市场\n草原全媒·乌兰察布日报 记者 王立 通讯员 李芳\n\n{BODY}\n\n{MORE}\n")
    (byline,) = furniture(units, "author_line")
    assert byline.fields["publication"] == "乌兰察布日报"
    assert byline.fields["people"] == [("王立", "reporter"), ("李芳", "correspondent")]




# --- captions and credits ------------------------------------------------------------------------------

def test_labelled_photo_credit_after_a_caption():
    m = photo_credit("党员志愿者帮助养殖户装运肉羊。 摄影：王立")
    assert m.group("credit") == "摄影：王立"


def test_picture_credit_without_a_page_word_is_a_credit_line_and_its_caption_a_caption():
    units = run(f"{BODY}\n\n服务队入户开展防疫。（图片由某旗委组织部提供）\n\n{MORE}\n")
    (credit,) = furniture(units, "credit")
    assert credit.fields["provider"] == "某旗委组织部" and credit.fields["what"] == "图片"
    assert texts(units, "caption") == ["服务队入户开展防疫。"]


def test_reported_speech_is_never_a_scene_caption():
    units = run(f"{BODY}\n\n服务队入户开展防疫。（图片由某旗委组织部提供）\n\n{MORE}\n\n负责人介绍，全旗已建成联合体9个。\n")
    assert texts(units, "caption") == ["服务队入户开展防疫。"]
    assert texts(units, "paragraph")[-1] == "负责人介绍，全旗已建成联合体9个。"


# --- dates and publication -----------------------------------------------------------------------------

def test_fullwidth_digits_are_read_as_a_date_and_quoted_as_written():
    (reading,) = find_dates("２０２０年３月５日　星期四")
    assert (reading.text, reading.edtf) == ("２０２０年３月５日", "2020-03-05")


@pytest.mark.parametrize("short, full, same", [
    ("中新网", "中国新闻网", True), ("新华社", "新华网", False), ("人民网", "人民网-内蒙古频道", False),
    ("中新网", "中新网", False),
])
def test_short_form_of_an_outlet(short, full, same):
    assert abbreviates(short, full) is same


def test_source_line_full_name_replaces_the_datelines_short_form_but_not_a_sister_outlet():
    dateline = Furniture("wire_dateline", "中新网某地5月1日电", (4, 4), {"agency": "中新网"})
    source = Furniture("source_line", "来源：中国新闻网", (3, 3), {"publication": "中国新闻网"})
    assert publication_of([source, dateline])[0] == "中国新闻网"
    xinhua = Furniture("wire_dateline", "新华社某地5月1日电", (4, 4), {"agency": "新华社"})
    site = Furniture("source_line", "来源：新华网", (3, 3), {"publication": "新华网"})
    assert publication_of([site, xinhua])[0] == "新华社"


def test_an_office_credited_as_source_is_no_publication():
    source = Furniture("source_line", "来源：某旗委组织部", (9, 9), {"publication": "某旗委组织部"})
    assert publication_of([source]) == (None, "")


@pytest.mark.parametrize("text, kind", [
    pytest.param(f"【编者按】\n某旗：宣讲进毡房\n\n{BODY}\n\n{MORE}\n", "column_tag", id="editors-note-is-no-column-tag"),
    pytest.param(f"某旗：宣讲进毡房\n\n{BODY}\n\n【党员风采】\n\n{MORE}\n", "column_tag", id="bracket-after-the-text-began"),
    pytest.param(f"{BODY}\n\n这项工作（完）成得很好，大家都满意。\n", "end_mark", id="bracket-inside-a-sentence"),
    pytest.param(f"{BODY}\n\nENDING之后，工作继续。\n", "end_mark", id="end-inside-a-word"),
    pytest.param(f"{BODY}\n\n乌兰察布日报 记者在采访中了解到，全旗今年新建党群服务中心12个。\n", "author_line",
                 id="outlet-and-role-inside-a-sentence"),
])
def test_text_that_only_looks_like_app_furniture_stays_text(text, kind):
    assert not furniture(run(text), kind)
