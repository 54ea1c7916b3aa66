"""Odd but plausible seeds: each once lost text, misattributed it or crashed (found in review)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from build_scripts.annotate.places import Gazetteer
from build_scripts.errors import SeedError, SidecarError
from build_scripts.model import Seed
from build_scripts.pipeline import reports_from_seed
from build_scripts.site.markup import RAW_END, RAW_START
from build_scripts.site.report_page import page_markdown
from build_scripts.text.ingest import read_seed

GAZETTEER = Gazetteer()
BODY_A = "锡林郭勒盟各级党组织认真落实从严治党责任，推动基层党建全面进步、全面过硬，取得明显成效。"
BODY_B = "通辽市深入开展“两学一做”学习教育，推动党员队伍建设不断加强，基层组织力显著提升。"
BODY_C = "鄂尔多斯市大力推进基层党组织标准化建设，整顿软弱涣散党组织，夯实党的执政基础。"


def seed(text: str, name: str = "t.txt", sidecar: dict | None = None) -> Seed:
    raw = text.encode("utf-8")
    return Seed(path=Path("seeds") / name, raw=raw, text=text, encoding="utf-8", newline="LF",
                sha256=hashlib.sha256(raw).hexdigest(), sidecar=sidecar or {})


def reports(text: str, **kwargs):
    return reports_from_seed(seed(text, **kwargs), GAZETTEER)


def test_collection_title_before_leading_bylines_is_kept_as_kicker():
    [first, second] = reports(f"全盟书记述职汇编\n\n标题甲文章\n锡林郭勒盟委书记 罗虎在\n\n{BODY_A}\n\n"
                              f"标题乙文章\n通辽市委书记 张三丰\n\n{BODY_B}\n")
    assert first.kicker == "全盟书记述职汇编" and first.title == "标题甲文章"
    assert [a.name for a in first.authors] == ["罗虎在"] and first.items[0].text == BODY_A
    assert second.title == "标题乙文章" and second.items[0].text == BODY_B


def test_sidecar_title_keeps_the_replaced_title_in_the_edit_log():
    [report] = reports(f"原来的标题\n\n{BODY_A}\n", sidecar={"title": "编者拟定的标题"})
    assert report.title == "编者拟定的标题"
    [edit] = [e for e in report.edits if e.rule == "sidecar_title"]
    assert (edit.before, edit.after, edit.discarded) == ("原来的标题", "编者拟定的标题", True)
    assert "原来的标题" in page_markdown(report)


def test_tie_between_alignments_goes_to_titles_heading_what_follows():
    texts = [f"标题甲\n某某单位党委书记 罗虎在\n\n{BODY_A}\n\n",
             f"标题乙\n某某单位党委书记 张三丰\n\n{BODY_B}\n\n",
             "标题丙\n某某单位党委书记 李四光\n"]
    found = reports("".join(texts))
    assert [(r.title, [a.name for a in r.authors], [i.text for i in r.items]) for r in found] == [
        ("标题甲", ["罗虎在"], [BODY_A]), ("标题乙", ["张三丰"], [BODY_B]), ("标题丙", ["李四光"], [])]


def test_a_repeat_in_another_report_of_the_seed_is_not_merged_across():
    found = reports(f"{BODY_A}\n\n标题甲\n锡林郭勒盟委书记 罗虎在\n\n{BODY_A[:-1]}另加一句话。\n\n"
                    "标题乙\n通辽市委书记 张三丰\n")
    assert [len(r.items) for r in found] == [1, 1]
    assert found[1].items[0].text.endswith("另加一句话。")


def test_windows_1252_is_not_read_as_gb18030(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Der Zürich Bericht über Müller und Söhne".encode("cp1252"))
    with pytest.raises(SeedError, match="cannot be decoded"):
        read_seed(path)


def test_gb18030_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\x841\x953" + f"锡林郭勒盟基层党建\n\n{BODY_A}\n".encode("gb18030"))
    loaded = read_seed(path)
    assert loaded.encoding == "gb18030" and loaded.text.startswith("锡林郭勒盟")


@pytest.mark.parametrize("sidecar, words", [
    ({"reports": [{"position": 5, "title": "甲"}]}, ["position 5", "reports.0.position"]),
    ({"reports": [{"position": 1, "title": "甲"}, {"position": 1, "title": "乙"}]}, ["given twice"]),
    ({"title": "全书一个标题"}, ["key 'title'", "holds 2 reports"]),
])
def test_sidecar_reports_must_match_the_split(sidecar, words):
    text = f"标题甲\n锡林郭勒盟委书记 罗虎在\n\n{BODY_A}\n\n标题乙\n通辽市委书记 张三丰\n\n{BODY_B}\n"
    if "reports" in sidecar and sidecar["reports"][0]["position"] == 5:
        text = f"{BODY_A}\n"
    with pytest.raises(SidecarError) as caught:
        reports(text, sidecar=sidecar)
    for word in words:
        assert word in str(caught.value)


def test_heading_slugs_never_collide_with_paragraph_or_apparatus_ids():
    [report] = reports(f"标题\n\n{BODY_A}\n\nP1\n\n{BODY_B}\n\nNotes\n\n{BODY_C}\n")
    ids = [i.id for i in report.items]
    assert len(ids) == len(set(ids))
    assert not {"p1", "p2", "notes"} & {i.id for i in report.items if i.kind == "heading"}


def test_seed_file_name_cannot_break_out_of_the_generated_comment():
    [report] = reports(f"标题\n\n{BODY_A}\n", name="z --><img src=x onerror=alert(1)><!-- .txt")
    body = page_markdown(report).split("\n---\n", 1)[1]  # after the YAML front matter
    body = body.replace(RAW_START, "").replace(RAW_END, "")  # the raw-HTML markers are comments of their own
    assert "<img" not in body and body.count("-->") == 1


def test_seed_name_without_ascii_gets_a_stable_id():
    [report] = reports(f"标题\n\n{BODY_A}\n", name="报告.txt")
    assert report.id == f"seed-{report.seed.sha256[:12]}"


def test_short_line_between_a_caption_and_a_paragraph_is_a_heading():
    [report] = reports(f"标题\n\n{BODY_A}\n\n\n\n图为党员开展志愿服务活动。\n\n强化组织引领\n\n{BODY_B}\n")
    assert [(i.kind, i.text) for i in report.items][1:] == [
        ("caption", "图为党员开展志愿服务活动。"), ("heading", "强化组织引领"), ("paragraph", BODY_B)]


def test_numbered_headings_are_not_caption_fragments():
    [report] = reports(f"标题\n\n{BODY_A}\n\n一、组织建设\n\n（一）班子建设\n\n1.选好书记\n\n{BODY_B}\n")
    assert [i.kind for i in report.items] == ["paragraph", "heading", "heading", "heading", "paragraph"]


def test_header_is_at_most_four_lines():
    [report] = reports("党建工作\n\n基层组织\n\n锡林郭勒\n\n乌审旗\n\n正镶白旗\n\n武川县\n")
    assert report.title == "党建工作"
    assert len(report.items) == 2


def test_ling_and_extension_b_characters_are_counted():
    from build_scripts.text.rules import HAN_RE
    assert HAN_RE.findall("二〇一九年𠮷") == ["二", "〇", "一", "九", "年", "𠮷"]
