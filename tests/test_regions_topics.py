"""Regions and cross-region topics: attribution, region pages and map, topic pages, matrix and exports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
import yaml

from build_scripts.annotate.places import (
    Gazetteer,
    attributed_regions,
    paragraph_attribution,
    paragraph_regions,
    region_slugs,
)
from build_scripts.annotate.topics import (
    TOPICS_FILE,
    load_topics,
    match_topics,
    topic_passages,
    topics_by_paragraph,
)
from build_scripts.errors import DataFileError
from build_scripts.export.analyses import region_exports, topic_exports
from build_scripts.pipeline import (
    ROOT,
    analysis_outputs,
    build_reports,
    reports_from_seed,
)
from build_scripts.site.markup import html_text
from build_scripts.site.region_pages import region_pages
from build_scripts.site.topic_pages import topic_pages
from build_scripts.text.ingest import read_seed, seed_paths

SEEDS = ROOT / "seeds"
REQUIRED_TOPICS = ["党员中心户与牧区党建", "嘎查村集体经济", "第一书记与驻村工作", "网格化治理", "党群服务中心与活动阵地",
                   "党员教育与远程教育", "两学一做与党内政治生活", "非公企业和社会组织党建", "城市社区党建与在职党员进社区",
                   "换届与带头人队伍", "评星定级与示范创建", "软弱涣散党组织整顿", "书记抓党建责任制与述职评议",
                   "发展党员与党员管理", "脱贫攻坚与乡村振兴", "经费与阵地保障"]


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


@pytest.fixture(scope="module")
def reports(gazetteer):
    return build_reports(SEEDS, gazetteer)


@pytest.fixture(scope="module")
def topics():
    return load_topics()


@pytest.fixture(scope="module")
def pages(reports, gazetteer, topics):
    return region_pages(reports, gazetteer, topics_by_paragraph(reports, topics))


@pytest.fixture(scope="module")
def tpages(reports, gazetteer, topics):
    return topic_pages(reports, topics, gazetteer)


@pytest.fixture(scope="module")
def passages(reports, gazetteer, topics):
    return topic_passages(reports, topics, gazetteer)


def names_in_seeds(gazetteer) -> dict[str, set[str]]:
    """Canonical name → forms found, by a plain loop over every name and short form (longest first, masked).

    Independent of the gazetteer's regex scanner: each form found is blanked
    out so that a shorter form inside it (克旗 in 鄂托克旗) is not counted again.
    """
    forms = {form: name for name, region in gazetteer.regions.items() for form in (name, *region.short_forms)}
    found: dict[str, set[str]] = {}
    for path in seed_paths(SEEDS):
        text = read_seed(path).text
        for form in sorted(forms, key=len, reverse=True):
            if form in text:
                found.setdefault(forms[form], set()).add(form)
                text = text.replace(form, "\0" * len(form))
    return found


def front_matter(page: str) -> dict:
    assert page.startswith("---\n")
    return yaml.safe_load(page.split("---\n", 2)[1])


def passages_by_anchor(page: str) -> dict[str, int]:
    """Passage entries (list items, Markdown or raw HTML) under each ``### … { #anchor }`` heading of a topic page."""
    counts, anchor = {}, None
    for line in page.split("\n"):
        heading = re.match(r"^#{2,3} .*\{ #([^ }]+)[^}]*\}$", line)
        if heading:
            anchor = heading.group(1) if line.startswith("### ") else None
            if anchor:
                counts[anchor] = 0
        elif anchor and line.startswith(("- ", "<li>")):
            counts[anchor] += 1
    return counts


def svg_of(page: str) -> str:
    match = re.search(r"<svg\b.*?</svg>", page, re.S)
    assert match, "the region index has no inline SVG"
    return match.group(0)


# --- attribution ---------------------------------------------------------------------------

def test_every_report_has_a_region(reports, gazetteer):
    for report in reports:
        rolled = attributed_regions(report, gazetteer)
        assert rolled, report.id
        assert report.regions and rolled[0] == report.regions[0], report.id
        assert all(name in gazetteer.regions for name in rolled)
        for name in rolled:  # every county-level unit brings its league or city
            assert gazetteer.league_of(name) in rolled


def test_seed_names_found_independently(gazetteer):
    found = names_in_seeds(gazetteer)
    # short forms the seeds really use, resolved to canonical names
    for form, name in [("东乌旗", "东乌珠穆沁旗"), ("鄂前旗", "鄂托克前旗"), ("准旗", "准格尔旗"), ("伊旗", "伊金霍洛旗"),
                       ("科左后旗", "科尔沁左翼后旗"), ("锡林郭勒", "锡林郭勒盟"), ("乌拉盖", "乌拉盖管理区")]:
        assert form in found.get(name, set()), (form, name)
    assert len(found) >= 30


def test_every_place_named_in_a_seed_has_a_page(gazetteer, pages, reports):
    slugs = region_slugs(gazetteer)
    rolled = {name for report in reports for name in attributed_regions(report, gazetteer)}
    for name in names_in_seeds(gazetteer):
        assert name in rolled, f"{name} is named in a seed but no report is attributed to it"
        assert f"{slugs[name]}.md" in pages, f"{name} has no page"
        league = gazetteer.league_of(name)
        assert f"{slugs[league]}.md" in pages, f"{league} (league of {name}) has no page"
        assert front_matter(pages[f"{slugs[name]}.md"])["tags"] == ([name] if league == name else [name, league])


def test_league_paragraph_naming_a_banner_belongs_to_both(reports, gazetteer, pages):
    found = []
    for report in reports:
        if report.regions[0] != "锡林郭勒盟":
            continue
        for item_id, names in paragraph_regions(report, gazetteer).items():
            if "苏尼特左旗" in names:
                assert "锡林郭勒盟" in names
                found.append((report.id, item_id))
    assert found, "no 锡林郭勒盟 report paragraph names 苏尼特左旗"
    slugs = region_slugs(gazetteer)
    for report_id, item_id in found:
        link = f'href="../../reports/{report_id}/#{item_id}"'  # passages are a raw-HTML list
        assert link in pages[f"{slugs['苏尼特左旗']}.md"]
        assert link in pages[f"{slugs['锡林郭勒盟']}.md"]


def test_paragraph_regions_in_order_with_leagues(reports, gazetteer):
    report = next(r for r in reports if r.id.startswith("001-"))
    assert paragraph_regions(report, gazetteer)["p1"] == [
        "乌审旗", "鄂尔多斯市", "正镶白旗", "锡林郭勒盟", "武川县", "呼和浩特市"]


def test_section_heading_places_unnamed_paragraphs(reports, gazetteer):
    report = next(r for r in reports if r.id.startswith("001-"))
    homes = paragraph_attribution(report, gazetteer)
    assert homes["p6"] == ("正镶白旗", "section")   # under 正镶白旗机关在职党员…
    assert homes["p10"] == ("武川县", "section")    # under 武川县多措并举…
    league_report = next(r for r in reports if r.id.endswith("-01") and r.regions[0] == "锡林郭勒盟")
    assert {home for home, _ in paragraph_attribution(league_report, gazetteer).values()} == {"锡林郭勒盟"}


NEW_SEED = """额济纳旗：党员中心户守边疆

2020年，额济纳旗委组织部在边境牧区推行党员中心户工作法，全旗建立党员中心户86户，带动牧民守边护边。

额济纳旗<script>alert(1)</script>各嘎查党支部结合换届选举，选优配强带头人队伍，发展壮大嘎查集体经济。
"""


def test_new_banner_gets_a_page_without_code_change(tmp_path, reports, gazetteer, topics):
    slugs = region_slugs(gazetteer)
    assert f"{slugs['额济纳旗']}.md" not in region_pages(reports, gazetteer)
    path = tmp_path / "900_new.txt"
    path.write_text(NEW_SEED, encoding="utf-8")
    new = reports_from_seed(read_seed(path), gazetteer)
    assert len(new) == 1
    pages = region_pages(reports + new, gazetteer, topics_by_paragraph(reports + new, topics))
    page = pages[f"{slugs['额济纳旗']}.md"]
    assert f'href="../../reports/{new[0].id}/"' in page
    assert f'href="../../reports/{new[0].id}/#p1"' in page
    assert f"({slugs['额济纳旗']}.md)" in pages["index.md"]
    assert f'href="{slugs["额济纳旗"]}/"' in svg_of(pages["index.md"])
    assert f"{slugs['阿拉善盟']}.md" in pages
    assert "<script>" not in page and "&lt;script&gt;" in page
    records = {r["name"]: r for r in json.loads(region_exports(reports + new, gazetteer)["regions.json"])}
    assert records["额济纳旗"]["url"] == f"regions/{slugs['额济纳旗']}/"
    assert records["额济纳旗"]["reports"] == [new[0].id]
    assert json.loads(region_exports(reports, gazetteer)["regions.json"])[-1]["name"] == "额济纳旗"
    assert json.loads(region_exports(reports, gazetteer)["regions.json"])[-1]["url"] is None
    household = topic_passages(reports + new, topics, gazetteer)["party-member-households"]
    assert any(p.report_id == new[0].id and p.region == "额济纳旗" for p in household)


# --- region pages and map -------------------------------------------------------------------

def test_region_pages_link_reports_and_paragraphs(pages, reports, gazetteer):
    slugs = region_slugs(gazetteer)
    assert len(set(slugs.values())) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9-]+\.md", name) for name in pages)
    ids = {r.id: {i.id for i in r.items} for r in reports}
    for name, page in pages.items():
        meta = front_matter(page)
        assert meta["generated_by"] == "build_scripts" and meta["title"]
        for report_id, anchor in re.findall(r"\]\(\.\./reports/([^)#]+)\.md(?:#([^)]+))?\)", page):
            assert report_id in ids, (name, report_id)
            assert not anchor or anchor in ids[report_id], (name, report_id, anchor)
        for target in re.findall(r"\]\(([a-z0-9-]+)\.md[)#]", page):
            assert f"{target}.md" in pages, (name, target)


def test_region_page_groups_by_year_and_lists_topics(pages, gazetteer):
    page = pages[f"{region_slugs(gazetteer)['锡林郭勒盟']}.md"]
    years = re.findall(r"^### (\d{4}) \{ #y\d{4}[^}]*\}$", page, re.M)
    assert years == sorted(years) and {"2017", "2019", "2021"} <= set(years)
    assert "## 专题 Topics" in page and "(../topics/party-member-households.md#xilin-gol-meng)" in page
    assert "<mark>" in page


def test_map_has_one_link_per_place_and_no_external_url(pages, gazetteer):
    slugs = region_slugs(gazetteer)
    places = {name for name, slug in slugs.items() if f"{slug}.md" in pages}
    svg = svg_of(pages["index.md"])
    root = ET.fromstring(svg)
    links = [el for el in root.iter() if el.tag == "a"]
    assert sorted(a.get("href") for a in links) == sorted(f"{slugs[name]}/" for name in places)
    assert sorted(a.get("data-region") for a in links) == sorted(places)
    for a in links:
        assert a.find("circle") is not None and a.find("text") is not None
    leagues = [a for a in links if "is-league" in a.get("class")]
    assert {a.get("data-region") for a in leagues} == {n for n in places if gazetteer.regions[n].parent is None}
    assert float(leagues[0].find("circle").get("r")) > float(
        next(a for a in links if "is-league" not in a.get("class")).find("circle").get("r"))
    assert "http" not in svg and "//" not in svg and "url(" not in svg and "@import" not in svg
    assert "currentColor" in svg and "var(--md-" in svg   # follows light and dark mode
    for name in places:  # and the same places as Markdown links below the map
        assert f"]({slugs[name]}.md)" in pages["index.md"].split("</svg>")[1]


# --- topics ------------------------------------------------------------------------------------

def test_topics_file_has_the_required_topics(topics):
    assert len(topics) >= 16
    assert [t.title for t in topics if t.title in REQUIRED_TOPICS] == REQUIRED_TOPICS
    for topic in topics:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", topic.id)
        assert topic.title_en and len(topic.introduction) > 80 and topic.rules


def test_match_topics_says_which_rule(topics):
    matched = dict(match_topics("全盟1536户党员中心户联系贫困户2826户，消灭集体经济空壳村。", topics))
    assert matched["party-member-households"] == "党员中心户"
    assert matched["collective-economy"] == "集体经济"
    assert matched["poverty-revitalisation"] == "脱贫攻坚"
    assert "grid-governance" not in matched
    assert dict(match_topics("坚持书记抓、抓书记。", topics))["secretary-responsibility"] == "书记抓、抓书记"


def test_every_topic_has_passages_from_two_regions(passages, topics):
    for topic in topics:
        regions = {p.region for p in passages[topic.id]}
        assert len(regions) >= 2, f"{topic.id}: passages only from {regions}"


def test_topic_pages_group_passages_by_region(tpages, passages, topics, gazetteer):
    slugs = region_slugs(gazetteer)
    for topic in topics:
        page = tpages[f"{topic.id}.md"]
        assert front_matter(page)["tags"] == [topic.title]
        groups = passages_by_anchor(page)
        expected = Counter(slugs[p.region] for p in passages[topic.id])
        assert groups == dict(expected), topic.id
        if len({p.region for p in passages[topic.id]}) >= 2:
            assert len(groups) >= 2
        for rule in {p.rule for p in passages[topic.id]}:
            assert f"rule <strong>{html_text(rule)}</strong>" in page


def test_matrix_counts_equal_passages_listed(tpages, passages, topics):
    index = tpages["index.md"]
    matrix = index.split("## 地区 × 专题")[1].split("## 时间线")[0]
    cells = re.findall(r"\[(\d+)\]\(([a-z0-9-]+)\.md#([a-z0-9-]+)\)", matrix)
    assert cells
    per_topic = Counter()
    for count, topic_id, anchor in cells:
        listed = passages_by_anchor(tpages[f"{topic_id}.md"])
        assert int(count) == listed[anchor], (topic_id, anchor)
        per_topic[topic_id] += int(count)
    for topic in topics:
        assert per_topic[topic.id] == len(passages[topic.id]) == sum(
            passages_by_anchor(tpages[f"{topic.id}.md"]).values())


def test_timeline_lists_every_report(tpages, reports):
    timeline = tpages["index.md"].split("## 时间线")[1]
    for report in reports:
        assert f'href="../reports/{report.id}/"' in timeline


def test_outputs_are_deterministic(reports, gazetteer, topics):
    assert analysis_outputs(reports, gazetteer, topics) == analysis_outputs(list(reports), Gazetteer(), load_topics())


def test_exports(reports, gazetteer, topics, passages):
    records = json.loads(region_exports(reports, gazetteer)["regions.json"])
    assert [r["name"] for r in records] == list(gazetteer.regions)
    for record in records:
        assert set(record) >= {"name", "type", "parent", "pinyin", "aliases", "lat", "lon", "url", "reports"}
        assert (record["url"] is None) == (not record["reports"])
    csv_lines = region_exports(reports, gazetteer)["regions.csv"].strip().split("\n")
    assert len(csv_lines) == len(records) + 1
    exported = json.loads(topic_exports(reports, topics, gazetteer)["topics.json"])
    assert [t["id"] for t in exported] == [t.id for t in topics]
    for record in exported:
        assert record["url"] == f"topics/{record['id']}/" and record["rules"]
        assert len(record["passages"]) == len(passages[record["id"]])
        for p in record["passages"]:
            assert p["url"] == f"reports/{p['report']}/#{p['paragraph']}"
            assert set(p) >= {"report", "paragraph", "url", "region", "year"}
    rows = topic_exports(reports, topics, gazetteer)["topics.csv"].strip().split("\n")
    assert len(rows) == 1 + sum(len(g) for g in passages.values())


# --- the data file's errors ---------------------------------------------------------------------

VALID = {"id": "demo", "title": "示例专题", "title_en": "Demo", "introduction": "A topic used by the tests only, "
         "to check that mistakes are reported clearly.", "rules": [{"name": "示例", "any": ["示例"]}]}


@pytest.mark.parametrize("topic, key, words", [
    ({**VALID, "id": "Demo Topic"}, "topics.0.id", "ASCII slug"),
    ({k: v for k, v in VALID.items() if k != "title"}, "topics.0", "title"),
    ({**VALID, "colour": "red"}, "topics.0", "colour"),
    ({**VALID, "rules": []}, "topics.0.rules", "non-empty"),
    ({**VALID, "rules": [{"name": "坏", "pattern": "书记抓[、"}]}, "topics.0.rules.0.pattern", "regular expression"),
    ({**VALID, "rules": [{"name": "空", "pattern": "a*"}]}, "topics.0.rules.0.pattern", "empty string"),
    ({**VALID, "rules": [{"name": "两", "any": ["x"], "pattern": "x"}]}, "topics.0.rules.0", "exactly one"),
    ({**VALID, "rules": [{"name": "无"}]}, "topics.0.rules.0", "exactly one"),
    ({**VALID, "rules": [{"name": "空", "any": []}]}, "topics.0.rules.0.any", "non-empty"),
])
def test_bad_topics_file_names_file_and_key(tmp_path, topic, key, words):
    path = tmp_path / "topics.yml"
    path.write_text(yaml.safe_dump({"topics": [topic]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_topics(path)
    message = str(caught.value)
    assert str(path) in message and f"key '{key}'" in message and words in message, message


def test_duplicate_topic_id_and_yaml_syntax(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text(yaml.safe_dump({"topics": [VALID, VALID]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"key 'topics\.1\.id'.*already used"):
        load_topics(path)
    path.write_text("topics:\n  - id: demo\n   title: x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"topics\.yml: line \d+"):
        load_topics(path)


def test_shipped_topics_file_is_valid():
    assert load_topics(TOPICS_FILE)


def test_glossary_terms_on_region_and_topic_pages(reports, gazetteer, topics):
    terms = {(r.id, i.id): ["党员中心户"] for r in reports for i in r.items
             if "党员中心户" in i.text and i.kind != "heading"}
    slugs = region_slugs(gazetteer)
    pages = region_pages(reports, gazetteer, topics_by_paragraph(reports, topics), terms)
    about = [key for key in terms if key[0].startswith(("002-", "003-", "000-97fd27dffeb8dc41-01"))]
    assert f"党员中心户 ({len(about)})" in pages[f"{slugs['锡林郭勒盟']}.md"]
    assert "## 术语 Glossary terms" in pages[f"{slugs['通辽市']}.md"]
    assert "党员中心户 (" not in pages[f"{slugs['通辽市']}.md"]
    page = topic_pages(reports, topics, gazetteer, terms)["party-member-households.md"]
    assert page.count("术语 Terms: 党员中心户") == sum(
        1 for p in topic_passages(reports, topics, gazetteer)["party-member-households"]
        if (p.report_id, p.paragraph_id) in terms)
