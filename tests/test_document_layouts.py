"""Unit tests for the layout rules of bulletins, magazines, signed documents, PDF copies and e-paper pages.

Each case is a small composed seed (invented text) run through ``structure``:
the furniture a rule takes out (before/after) and a near miss the rule must
leave alone (must-not-change).
"""

from __future__ import annotations

import pytest

from build_scripts.annotate.dating import infer_date
from build_scripts.model import Furniture
from tests.test_structure import B1, B2, B3, furniture, run, texts


def kinds_of(units) -> list[tuple[str, str]]:
    return [(u.fields["furniture"], u.text) for u in furniture(units)]


# --- bulletins and magazines --------------------------------------------------------

def test_bulletin_masthead_name_issue_compiler_and_rule_are_furniture():
    units = run(f"组织工作简报\n第3期\n中共某旗委组织部编　　　　　　2020年5月6日\n━━━━━━━━━━\n\n某旗推进党建工作\n\n{B1}\n\n{B2}\n")
    found = kinds_of(units)
    assert found[:4] == [("masthead", "组织工作简报"), ("masthead", "第3期"),
                         ("issuing_line", "中共某旗委组织部编　　　　　　2020年5月6日"), ("page_residue", "━━━━━━━━━━")]
    assert furniture(units, "issuing_line")[0].fields == {"furniture": "issuing_line", "issuer": "中共某旗委组织部",
                                                          "date": "2020-05-06"}
    assert texts(units, "header") == ["某旗推进党建工作"]


def test_issue_line_with_total_number_and_chinese_numeral_date():
    units = run(f"某旗组织工作动态\n2021年第5期（总第87期）\n中共某旗委组织部　　　　二〇二一年四月十二日\n\n{B1}\n")
    masthead = furniture(units, "masthead")
    assert [m.fields.get("publication") for m in masthead] == ["某旗组织工作动态", None]
    assert masthead[1].fields["issue_year"] == 2021
    assert furniture(units, "issuing_line")[0].fields["date"] == "2021-04-12"


def test_magazine_masthead_on_one_line_and_column_label():
    units = run(f"党的建设 2020年第11期\n\n基层视点\n\n党支部建在产业链上\n——某旗的调查\n\n{B1}\n")
    assert kinds_of(units)[:2] == [("masthead", "党的建设 2020年第11期"), ("column", "基层视点")]
    assert furniture(units, "masthead")[0].fields["publication"] == "党的建设"
    assert texts(units, "header") == ["党支部建在产业链上", "——某旗的调查"]


@pytest.mark.parametrize("text", [
    f"第一期培训\n\n{B1}\n",                      # an issue-like phrase with more words is a title
    f"全旗举办培训班3期\n\n{B1}\n",
    f"{B1}\n第12期\n{B2}\n",                      # inside the text, after a sentence: not a masthead
])
def test_not_a_masthead(text):
    assert not furniture(run(text), "masthead")


def test_no_column_label_without_a_periodical_masthead():
    units = run(f"基层视点\n\n党支部建在产业链上\n\n{B1}\n")
    assert not furniture(units, "column")


def test_issue_dates_by_year_and_a_printed_day_outranks_it():
    issue = Furniture("source_line", "来源：《实践》2019年第8期", (4, 4),
                      {"issue": "2019年第8期", "issue_year": 2019, "posted": "2019-09-03"})
    posted = Furniture("date_line", "2019-09-03 10:22", (3, 3))
    assert infer_date([posted, issue], [])[0] == "2019"
    printed = Furniture("issuing_line", "X编　　2019年8月2日", (2, 2), {"date": "2019-08-02"})
    assert infer_date([printed, issue], [])[0] == "2019-08-02"


def test_magazine_source_line_with_posting_time():
    units = run(f"标题在此\n发布时间：2019-09-03 10:22　来源：《实践》2019年第8期\n\n{B1}\n")
    (source,) = furniture(units, "source_line")
    assert (source.fields["publication"], source.fields["issue"], source.fields["posted"]) == ("实践", "2019年第8期", "2019-09-03")


def test_source_line_with_issue_and_other_words_is_text():
    units = run(f"{B1}\n据《实践》2019年第8期报道，全旗党员人人有积分。\n")
    assert not furniture(units, "source_line")


@pytest.mark.parametrize("line", ["━━━━━━━━", "————————", "==========", "＊＊＊"])
def test_rule_lines_are_layout(line):
    units = run(f"{B1}\n{line}\n{B2}\n")
    assert kinds_of(units) == [("page_residue", line)]


@pytest.mark.parametrize("line", ["——", "一一一", "——在全旗大会上的讲话"])
def test_not_rule_lines(line):
    assert not furniture(run(f"{B1}\n{line}\n{B2}\n"), "page_residue")


def test_editors_note_is_furniture_not_a_paragraph():
    note = "【编者按】某镇的做法值得借鉴。现予刊发，供各地学习。"
    units = run(f"某旗工作动态\n第2期\n\n{note}\n\n某镇推行议事制度\n\n{B1}\n")
    (found,) = furniture(units, "editors_note")
    assert found.text == note and found.fields["note"] == "某镇的做法值得借鉴。现予刊发，供各地学习。"
    assert note not in texts(units, "paragraph")
    assert texts(units, "header") == ["某镇推行议事制度"]


def test_a_paragraph_mentioning_an_editors_note_is_text():
    line = "这篇报道的编者按写道，某镇的做法值得借鉴。"
    assert not furniture(run(f"{B1}\n\n{line}\n"), "editors_note")


@pytest.mark.parametrize("line, provider", [("（黄河湾镇党委供稿）", "黄河湾镇党委"), ("（供稿：乌兰镇）", "乌兰镇"),
                                            ("(某旗委组织部 供稿)", "某旗委组织部")])
def test_provider_credit(line, provider):
    (credit,) = furniture(run(f"{B1}\n\n{line}\n"), "credit")
    assert credit.fields["provider"] == provider and credit.edits[-1].rule == "provider_credit"


def test_provider_word_inside_a_sentence_is_text():
    assert not furniture(run(f"{B1}\n\n（此稿由镇党委供稿，经编辑部核实。）\n"), "credit")


@pytest.mark.parametrize("note, office", [("（作者系某旗委组织部干部）", "某旗委组织部干部"),
                                          ("（作者单位：中共某旗委员会组织部）", "中共某旗委员会组织部")])
def test_author_note_gives_the_author_lines_office(note, office):
    units = run(f"某旗的新做法\n\n□ 苏和巴特尔\n\n{B1}\n\n{B2}\n\n{note}\n")
    assert furniture(units, "author_note")[0].fields["office"] == office
    assert furniture(units, "author_line")[0].fields["office"] == office


def test_bracketed_sentence_about_an_author_is_text():
    line = "（作者在文中提出了三点建议，值得参考。）"
    assert not furniture(run(f"{B1}\n\n{line}\n"), "author_note")


def test_keywords_line():
    units = run(f"某旗的新做法\n关键词：党员积分 嘎查\n\n{B1}\n")
    assert kinds_of(units) == [("keywords", "关键词：党员积分 嘎查")]
    assert not furniture(run(f"{B1}\n\n本文的关键词是党员积分，{B3}\n"), "keywords")


def test_short_title_right_after_a_masthead_is_no_column_label():
    units = run(f"党的建设 2020年第11期\n\n链上建组织\n\n{B1}\n")
    assert not furniture(units, "column") and texts(units, "header") == ["链上建组织"]


# --- signed documents: signature blocks, salutations, speeches' reporting year -------------

def test_closing_signature_block_names_the_author_with_the_office():
    units = run(f"2021年度述职报告\n{B1}\n{B2}\n　　　　述职人：中共某镇委员会书记　李文博\n　　　　　　2022年1月10日\n")
    (signature,) = furniture(units, "signature")
    assert signature.fields["people"] == [("李文博", "author")] and signature.fields["office"] == "中共某镇委员会书记"
    assert texts(units, "paragraph")[-1] == B2


def test_unlabelled_office_and_name_above_the_closing_date_is_a_signature():
    units = run(f"{B1}\n{B2}\n中共某旗委副书记　那顺\n2021年3月26日\n")
    assert furniture(units, "signature")[0].fields["people"] == [("那顺", "author")]


@pytest.mark.parametrize("text", [
    f"{B1}\n{B2}\n中共某旗委副书记　那顺\n",                     # no date under it: not a signature
    f"{B1}\n述职人：中共某镇委员会书记　李文博\n{B2}\n",         # not at the end
])
def test_not_a_signature_block(text):
    assert not furniture(run(text), "signature")


@pytest.mark.parametrize("salutation", ["同志们：", "各位领导、各位同志：", "尊敬的各位来宾："])
def test_salutation_is_a_paragraph_of_its_own(salutation):
    units = run(f"在全旗推进会上的讲话\n中共某旗委副书记　那顺乌力吉\n（2021年3月26日）\n{salutation}\n{B1}\n{B2}\n")
    assert texts(units, "paragraph")[:2] == [salutation, B1]


def test_a_line_ending_in_a_colon_that_is_no_salutation_still_joins_across_a_page_break():
    units = run(f"{B1}\n\n{B2[:-1]}，主要做法如下：\n\n{B3}\n")
    assert texts(units, "paragraph") == [B1, f"{B2[:-1]}，主要做法如下：{B3}"]


# --- text copied from a printed page ------------------------------------------------------

PDF_BODY = ("　　某旗地处祖国北疆，边境线长184公里，牧户居住\n分散，最远的牧户距苏木所在地有90多公里。针对党员服\n"
            "务群众的问题，旗委组织部在边境苏木推行工作法。\n　　选准中心户。按照政治过硬的标准，评选中心户73户，\n"
            "每户联系周边5至8户牧民，苏木党委每月进行一次\n— 12 —\n某旗基层党建案例汇编\n业务指导。去年以来共宣讲政策420余场次。\n"
            "　　党员中心户打通了服务边境牧民的最后一公里。\n— 13 —\n")


def test_pdf_page_numbers_running_heads_and_display_lines():
    units = run(f"某旗基层党建案例汇编\n\n边境牧区的红色哨所\n——某旗推行党员中心户工作法\n中共某旗委员会组织部\n{PDF_BODY}")
    assert [k for k, _ in kinds_of(units)] == ["running_head", "issuing_body", "page_residue", "running_head",
                                               "page_residue"]
    assert furniture(units, "running_head")[0].fields["publication"] == "某旗基层党建案例汇编"
    assert texts(units, "header") == ["边境牧区的红色哨所", "——某旗推行党员中心户工作法"]
    paragraphs = texts(units, "paragraph")
    assert len(paragraphs) == 3 and "每月进行一次业务指导。" in paragraphs[1]
    assert not any("12" in p or "汇编" in p for p in paragraphs)


@pytest.mark.parametrize("text", [
    f"{B1}\n12\n{B2}\n",                            # a bare number inside the text stays (see page_residue)
    f"{B1}\n\n第3页的内容很重要，{B2}\n",
])
def test_not_a_page_mark(text):
    assert not [u for u in furniture(run(text)) if u.edits[-1].rule == "page_number"]


def test_a_repeated_short_line_away_from_page_numbers_is_no_running_head():
    units = run(f"链上建组织\n\n{B1}\n\n链上建组织\n\n{B2}\n")
    assert not furniture(units, "running_head")


def test_a_first_paragraph_that_lost_its_indent_is_not_split_into_display_lines():
    body = ("某旗地处祖国北疆，边境线长184公里，牧户居住分散，最\n远的牧户距苏木所在地有90多公里，党员服务群众难。\n"
            "　　选准中心户。按照政治过硬的标准，评选中心户73户，\n每户联系周边5至8户牧民。\n"
            "　　明确服务事。党员中心户承担政策宣讲等四项任务。\n")
    units = run(f"{B1}\n\n{body}")
    assert not of_kind_header(units) and texts(units, "paragraph")[1].startswith("某旗地处祖国北疆")


def of_kind_header(units):
    return [u for u in units if u.kind == "header" and u.text != B1]


# --- a page holding several reports ---------------------------------------------------------

PAGE = (f"兴安日报\n2017年6月2日 星期五\n第03版：基层党建\n\n某旗：党员中心户成了主心骨\n本报记者　白玉兰\n\n{B1}\n\n{B2}\n\n"
        f"某旗为村级党组织书记充电\n\n本报讯　5月下旬，{B3}\n\n{B1[:-1]}，效果很好。（记者　周立新）\n")


def test_a_headline_followed_by_a_news_lead_starts_the_next_report_on_the_page():
    from build_scripts.text.composite import split_reports
    first, second = split_reports(run(PAGE), lambda text, with_parents=False: [])
    assert texts(first.units, "header") == ["某旗：党员中心户成了主心骨"]
    assert texts(second.units, "header") == ["某旗为村级党组织书记充电"]
    assert [u.fields["furniture"] for u in second.page] == ["masthead", "date_line", "page_controls"]
    assert not first.page and "starts at the headline" in second.evidence[0]


def test_the_later_report_on_a_page_reads_date_and_publication_from_the_page(tmp_path):
    from build_scripts.annotate.places import Gazetteer
    from build_scripts.pipeline import reports_from_seed
    from build_scripts.text.ingest import read_seed
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    first, second = reports_from_seed(read_seed(tmp_path / "page.txt"), Gazetteer())
    assert (second.date, second.publication) == ("2017-06-02", "兴安日报")
    assert [a.name for a in first.authors] == ["白玉兰"] and [a.name for a in second.authors] == ["周立新"]
    assert not second.furniture[0].kind == "masthead"  # the page's furniture is shown once, on the first report


def test_a_section_heading_without_a_news_lead_stays_in_the_report():
    units = run(f"某旗的新做法\n\n{B1}\n\n链上建组织\n\n{B2}\n")
    assert not [u for u in units if u.fields.get("starts_report")]
    assert texts(units, "heading") == ["链上建组织"]
