"""The glossary: its data file, the term scanner, candidate discovery, occurrences, pages and exports.

Counts are checked against an independent substring count over the cleaned
texts; discovery is checked on the real corpus (nothing left undefined) and
on a new report that uses a formula nobody has defined yet.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml
from case_files import cases_as_params, load_cases

from build_scripts.annotate import glossary as gl
from build_scripts.annotate import term_candidates, wording
from build_scripts.annotate.places import Gazetteer
from build_scripts.errors import DataFileError
from build_scripts.export import analyses
from build_scripts.pipeline import ROOT, build_reports, reports_from_seed
from build_scripts.site import glossary_pages
from build_scripts.text.ingest import read_seed

GLOSSARY_FILE = ROOT / "build_scripts" / "data" / "glossary.yml"
SEED_000 = "000_97fd27dffeb8dc41.txt"


@pytest.fixture(scope="module")
def glossary():
    return gl.load_glossary()


@pytest.fixture(scope="module")
def data():
    """The glossary file read as plain YAML, for checks that must not go through the module under test."""
    return yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports():
    return build_reports(ROOT / "seeds")


@pytest.fixture(scope="module")
def found(reports, glossary):
    return gl.occurrences(reports, glossary)


@pytest.fixture(scope="module")
def site_pages(reports, glossary):
    return glossary_pages.pages(reports, glossary)


def entry(term, aliases=(), not_in=(), category="mechanism"):
    return gl.Entry(term, tuple(aliases), "pinyin", "gloss", "definition", None, category, (), term,
                    tuple(not_in))


def new_report(tmp_path: Path, name: str, text: str):
    """A report made by the real pipeline from a seed file written for the test."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return reports_from_seed(read_seed(path), Gazetteer())


# ----------------------------------------------------------------------------- the data file

MINIMAL = {"terms": [{"term": "三会一课", "english": "three meetings, one lecture",
                      "tip": "A branch's regular meetings and Party lectures.",
                      "definition": "The branch routine of meetings and lectures.", "category": "numbered_formula"},
                     {"term": "两委", "english": "the two committees", "tip": "A village's two committees.",
                      "definition": "The village Party and villagers' committees.", "category": "institution",
                      "related": ["三会一课"], "ordinary": False}],
           "exclusions": [{"candidate": "最后一公里", "reason": "stock metaphor"}]}


def write(tmp_path: Path, content) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True),
                    encoding="utf-8")
    return path


def test_a_minimal_glossary_loads(tmp_path):
    loaded = gl.load_glossary(write(tmp_path, MINIMAL))
    assert [e.term for e in loaded] == ["三会一课", "两委"]
    assert loaded.by_term["三会一课"].pinyin == "sān huì yī kè"
    assert loaded.by_term["两委"].related == ("三会一课",)


def broken(change):
    data = copy.deepcopy(MINIMAL)
    change(data)
    return data


@pytest.mark.parametrize("change, key, words", [
    (lambda d: d["terms"][0].update(category="slogan"), "terms.0.category", "numbered_formula, program_or_campaign"),
    (lambda d: d["terms"][1].pop("english"), "terms.1", "english"),
    (lambda d: d["terms"][1].pop("tip"), "terms.1", "tip"),
    (lambda d: d["terms"][1].update(tip="A " + "very " * 40 + "long tip."), "terms.1.tip", "at most 160 characters"),
    (lambda d: d["terms"][1].update(ordinary="yes"), "terms.1.ordinary", "not linked in report text"),
    (lambda d: d["terms"][0].update(gloss="x"), "terms.0", "allowed keys are"),
    (lambda d: d["terms"][0].update(term="三会 一课"), "terms.0.term", "no spaces"),
    (lambda d: d["terms"][1].update(aliases=["三会一课"]), "terms.1.aliases.0", "one term only"),
    (lambda d: d["terms"][1].update(related=["三会二课"]), "terms.1.related.0", "existing term"),
    (lambda d: d["terms"][1].update(not_in=["两个委员会"]), "terms.1.not_in.0", "longer words"),
    (lambda d: d["exclusions"].append({"candidate": "“两委”", "reason": "quoted word"}), "exclusions.1.candidate",
     "remove the exclusion or the term"),
    (lambda d: d.pop("exclusions"), "(top level)", "exclusions"),
])
def test_errors_name_the_file_the_key_and_the_fix(tmp_path, change, key, words):
    path = write(tmp_path, broken(change))
    with pytest.raises(DataFileError) as raised:
        gl.load_glossary(path)
    message = str(raised.value)
    assert str(path) in message
    assert f"key '{key}'" in message
    assert words in message


def test_report_references_in_definitions_link_to_the_reports_by_title(site_pages, reports):
    """“(002)” in a definition becomes the report's title, linked; bare ids never reach a term page's definition."""
    titles = {r.id: r.title for r in reports}
    page = site_pages[f"{gl.load_glossary().by_term['1+5'].slug}.md"]
    definition = re.search(r"^定义 Definition\n:   (.*)$", page, re.M).group(1)
    assert f"[{titles['002-2778e66e9170e371']}](../reports/002-2778e66e9170e371.md)" in definition
    assert "(002)" not in definition and "\\(002\\)" not in definition
    composite = site_pages[f"{gl.load_glossary().by_term['两学一做'].slug}.md"]
    assert "(../sources/000-97fd27dffeb8dc41.md)" in composite  # “(000)”: the eight reports printed together


def test_every_tip_is_a_short_sentence_without_report_references():
    for entry in gl.load_glossary():
        assert 10 <= len(entry.tip) <= 160 and entry.tip.endswith("."), entry.term
        assert not re.search(r"\b\d{3}(-\d{2})?\b", entry.tip), entry.term
        assert entry.tip != entry.english, entry.term


def test_a_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, "terms:\n  - term: 两委\n    english: [unclosed\n")
    with pytest.raises(DataFileError, match=r"glossary\.yml: line \d+, column \d+: is not valid YAML"):
        gl.load_glossary(path)


def test_every_related_term_exists_and_slugs_are_unique(glossary):
    assert len({e.slug for e in glossary}) == len(glossary)
    assert not {e.slug for e in glossary} & gl.RESERVED_SLUGS
    for e in glossary:
        assert set(e.related) <= set(glossary.by_term), e.term


def test_categories_are_all_used_and_the_glossary_is_large(glossary):
    counts = Counter(e.category for e in glossary)
    assert set(counts) == set(gl.CATEGORIES)
    assert len(glossary) > 100


# ----------------------------------------------------------------------------- matching


def test_leftmost_longest_match_wins():
    g = gl.Glossary([entry("党员"), entry("党员中心户"), entry("中心户"), entry("两学一做", ["“两学一做”学习教育"])], [])
    matches = gl.find_terms("党员中心户和党员参加“两学一做”学习教育，中心户", g)
    assert [(s, e, x.term) for s, e, x in matches] == [
        (0, 5, "党员中心户"), (6, 8, "党员"), (10, 20, "两学一做"), (21, 24, "中心户")]


def test_leftmost_wins_over_longer_overlap_and_blockers_consume_text():
    g = gl.Glossary([entry("AB"), entry("BCD"), entry("旗", not_in=["党旗", "红旗"])], [])
    assert [(s, e, x.term) for s, e, x in gl.find_terms("ABCD", g)] == [(0, 2, "AB")]
    assert [(s, e) for s, e, _ in gl.find_terms("党旗全旗红旗", g)] == [(3, 4)]


def test_the_real_glossary_prefers_long_terms(glossary):
    def terms(text):
        return [x.term for _, _, x in gl.find_terms(text, glossary)]

    assert terms("深化党员中心户+协会，发挥党员中心户作用") == ["党员中心户+协会", "党员中心户"]
    assert terms("让党旗在北疆高高飘扬，全旗命名红旗600面") == ["旗"]
    assert terms("“五面红旗嘎查村”创建") == ["五面红旗"]
    assert terms("旗县市（区）、苏木镇、嘎查村和嘎查") == ["旗县市区", "苏木乡镇", "嘎查村", "嘎查"]


# ----------------------------------------------------------------------------- candidate discovery


@pytest.mark.parametrize("case", cases_as_params(load_cases("candidates.yml")))
def test_candidate_case(case):
    """Every candidate a phrase holds, in order (tests/cases/candidates.yml); none in ordinary text."""
    assert term_candidates.find_candidates(case["text"]) == case["candidates"]


def test_every_candidate_in_the_corpus_is_a_term_or_a_reviewed_exclusion(reports, glossary):
    assert term_candidates.undefined_candidates(reports, glossary) == []


def test_every_exclusion_is_still_found_in_the_corpus(reports, glossary):
    """An exclusion nothing finds any more is stale and should be removed."""
    found = {wording.normalise(c) for r in reports for i in r.items for c in term_candidates.find_candidates(i.text)}
    assert {wording.normalise(x.candidate) for x in glossary.exclusions} <= found


def test_a_new_report_with_an_undefined_formula_shows_up_without_code_changes(tmp_path, reports, glossary):
    added = new_report(tmp_path, "900_test.txt",
                       "乌审旗推行新办法\n\n乌审旗在嘎查村推行“三带两创”活动，党员中心户带头致富，"
                       "并推广三带两创工作法和“1+3”制度。\n")
    undefined = dict(term_candidates.undefined_candidates(reports + added, glossary))
    assert undefined == {"三带两创": [(added[0].id, "p1")]}
    page = glossary_pages.pages(reports + added, glossary)["candidates.md"]
    assert "三带两创" in page and f"../reports/{added[0].id}.md#p1" in page
    assert "There are no undefined candidates" in glossary_pages.pages(reports, glossary)["candidates.md"]


# ----------------------------------------------------------------------------- occurrences


def corpus_texts(reports):
    return [item.text for report in reports for item in report.items]


def every_hit(text: str, forms) -> list[tuple[int, int, str]]:
    """All occurrences of every form by plain str.find (non-overlapping per form)."""
    hits = []
    for form in forms:
        start = text.find(form)
        while start != -1:
            hits.append((start, start + len(form), form))
            start = text.find(form, start + len(form))
    return hits


def independent_counts(texts, data) -> Counter:
    """Occurrences per term by exact substring search, not by the scanner under test.

    A hit counts for its term unless it lies inside a hit of a longer
    spelling (another term, an alias or a ``not_in`` word): 党员 inside
    党员中心户, 两学一做 inside “两学一做”学习教育, 旗 inside 党旗.
    """
    owner = {}
    for term in data["terms"]:
        for blocker in term.get("not_in", []):
            owner.setdefault(blocker, None)
    for term in data["terms"]:
        for form in [term["term"], *term.get("aliases", [])]:
            owner[form] = term["term"]
    counts = Counter({term["term"]: 0 for term in data["terms"]})
    for text in texts:
        hits = every_hit(text, owner)
        for s, e, form in hits:
            inside_longer = any(s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2, _ in hits)
            if owner[form] is not None and not inside_longer:
                counts[owner[form]] += 1
    return counts


def test_no_two_spellings_overlap_partially_in_the_corpus(reports, data):
    """The containment rule of the independent count is exact only if spellings nest or stay apart."""
    forms = {f for t in data["terms"] for f in [t["term"], *t.get("aliases", []), *t.get("not_in", [])]}
    crossings = []
    for text in corpus_texts(reports):
        hits = every_hit(text, forms)
        outer = [(s, e) for s, e, _ in hits if not any(s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2, _ in hits)]
        crossings += [(text[s:e], text[s2:e2]) for s, e in outer for s2, e2 in outer if s < s2 < e < e2]
    assert crossings == []


def test_occurrence_counts_equal_an_independent_substring_count(reports, data, found):
    """Every occurrence is a substring occurrence; only those inside another word (旗 in 苏尼特左旗) are left out."""
    expected = independent_counts(corpus_texts(reports), data)
    counts = {term: len(hits) for term, hits in found.items()}
    assert all(counts[term] <= expected[term] for term in counts)
    assert sum(counts[term] == expected[term] for term in counts) >= len(counts) - 8
    assert expected["党员中心户"] > 30 and expected["嘎查村"] > 50


def test_every_term_occurs_in_the_cleaned_text(reports, data):
    text = "\n".join(corpus_texts(reports))
    missing = [t["term"] for t in data["terms"] if not any(f in text for f in [t["term"], *t.get("aliases", [])])]
    assert missing == []


@pytest.mark.parametrize("term, lines, report_id, paragraph", [
    ("党员中心户", (22, 23), "000-97fd27dffeb8dc41-01", "p1"),   # 党员中心 / 户
    ("两学一做", (79, 81), "000-97fd27dffeb8dc41-02", "p1"),     # 两学一 / (blank line) / 做
    ("四个意识", (47, 47), "000-97fd27dffeb8dc41-01", "p2"),     # on one line, for contrast
])
def test_terms_the_source_split_across_lines_are_counted(reports, found, term, lines, report_id, paragraph):
    seed = next(r.seed for r in reports if r.seed.name == SEED_000)
    source = [line.text for line in seed.lines[lines[0] - 1:lines[1]]]
    split = lines[0] != lines[1]
    assert (not any(term in line for line in source)) == split
    assert term in "".join(source)
    hits = [o for o in found[term] if (o.report_id, o.paragraph_id) == (report_id, paragraph)]
    assert len(hits) == 1
    assert hits[0].kwic.match == term or term in hits[0].kwic.match


def test_an_occurrence_knows_its_place_region_year_and_context(found):
    hit = next(o for o in found["四先四后"])
    assert (hit.report_id, hit.paragraph_id) == ("002-2778e66e9170e371", "p6")
    assert hit.url == "reports/002-2778e66e9170e371/#p6"
    assert (hit.region, hit.year) == ("锡林郭勒盟", "2019")
    assert hit.kwic.match == "四先四后"
    assert hit.kwic.left.endswith("通过“") and hit.kwic.right.startswith("”（先整顿后换届")
    assert 12 <= len(hit.kwic.left) <= 13 and 12 <= len(hit.kwic.right) <= 13
    assert str(hit.kwic).count("【") == 1


# ----------------------------------------------------------------------------- pages


def links(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", markdown)


def test_every_page_has_front_matter_and_relative_md_links(site_pages, reports, glossary):
    paragraphs = {(r.id, i.id) for r in reports for i in r.items} | {(r.id, "") for r in reports}
    sources = {f"../sources/{r.seed.slug}.md" for r in reports}
    assert {"index.md", "candidates.md"} | {f"{e.slug}.md" for e in glossary} == set(site_pages)
    for name, page in site_pages.items():
        meta = yaml.safe_load(page.split("---\n")[1])
        assert meta["title"] and meta["generated_by"] == "build_scripts", name
        for target in links(page):
            path, _, anchor = target.partition("#")
            if not path:
                continue
            assert path.endswith(".md") and not path.startswith(("/", "http")), (name, target)
            if path.startswith("../reports/"):
                assert (path[len("../reports/"):-3], anchor) in paragraphs, (name, target)
            elif path.startswith("../sources/"):
                assert path in sources and not anchor, (name, target)
            else:
                assert path in site_pages, (name, target)


def test_the_index_is_ordered_by_pinyin_with_an_alphabet_bar(site_pages, glossary):
    index = site_pages["index.md"]
    row = r'<tr id="term-[^"]+" data-category="([a-z_]+)" data-letter="([^"]+)" data-pinyin="([^"]+)"'
    rows = re.findall(row, index)
    assert len(rows) == len(glossary)

    def toneless(pinyin):
        bare = unicodedata.normalize("NFD", pinyin.lower())
        return "".join(c for c in bare if c.isascii() and c.isalnum())

    keys = [toneless(p) for _, _, p in rows]
    assert keys == sorted(keys)
    letters = [letter for _, letter, _ in rows]
    for (_, letter, pinyin) in rows:
        first = toneless(pinyin)[:1].upper()
        assert letter == (first if first.isalpha() else "#")
    bar = re.search(r'<nav class="glossary-letters" markdown>\n(.*)\n</nav>', index).group(1)
    assert re.findall(r"\[([^\]]+)\]", bar) == [glossary_pages.letter_label(c) for c in dict.fromkeys(letters)]
    for letter in dict.fromkeys(letters):
        anchor = "num" if letter == "#" else letter.lower()
        assert f"(#letter-{anchor})" in bar and f"{{ #letter-{anchor} }}" in index
    for category in gl.CATEGORIES:
        assert f"(#category-{category})" in index and f"{{ #category-{category} }}" in index
    assert index.index("(党员中心户.md)") < index.index("(嘎查.md)") < index.index("(旗.md)")


def test_a_term_page_shows_everything_about_the_term(site_pages):
    page = site_pages["四先四后.md"]
    assert "sì xiān sì hòu" in page and "four firsts, four afters" in page
    assert "先整顿后换届、先审计后换届、先考察后换届、先研判后换届" in page
    assert "[换届](换届.md)" in page and "[两委](两委.md)" in page
    right = '<td style="text-align: right;">'
    assert f"<td>锡林郭勒盟</td>\n{right}1</td>" in page and f"<td>2019</td>\n{right}1</td>" in page
    assert "### 锡林郭勒盟" in page and "#### 2019" in page
    assert 'href="../../reports/002-2778e66e9170e371/#p6"' in page and "<mark>四先四后</mark>" in page


def test_corpus_text_is_escaped_on_the_pages(tmp_path, glossary):
    added = new_report(tmp_path, "901_test.txt",
                       "标题行\n\n推行<script>*党员中心户*</script>制度，# 并且 [链接](x) “三带两创”。\n")
    page = glossary_pages.pages(added, glossary)
    assert "<script>" not in page["党员中心户.md"] and "&lt;script&gt;" in page["党员中心户.md"]
    assert "*<mark>党员中心户</mark>*" in page["党员中心户.md"]  # contexts are raw HTML: Markdown is not read there
    assert "<script>" not in page["candidates.md"]


def test_pages_and_exports_do_not_depend_on_the_order_of_the_file(reports, glossary, site_pages):
    shuffled = gl.Glossary(list(reversed(glossary.entries)), list(reversed(glossary.exclusions)))
    assert glossary_pages.pages(reports, shuffled) == site_pages
    assert analyses.glossary_exports(reports, shuffled) == analyses.glossary_exports(reports, glossary)


# ----------------------------------------------------------------------------- exports and search


def test_json_export_has_the_documented_keys_and_every_occurrence(reports, glossary, found):
    records = json.loads(analyses.glossary_exports(reports, glossary)["glossary.json"])
    assert [r["term"] for r in records] == [e.term for e in glossary.sorted_entries()]
    for record in records:
        assert set(record) == {"term", "pinyin", "english", "definition", "category", "aliases", "expansion",
                               "related", "url", "occurrences"}
        assert len(record["occurrences"]) == len(found[record["term"]])
        for occurrence in record["occurrences"]:
            assert set(occurrence) == {"report", "paragraph", "url"}
            assert occurrence["url"] == f"reports/{occurrence['report']}/#{occurrence['paragraph']}"


def test_csv_export_has_one_row_per_term_with_counts(reports, glossary, found):
    rows = list(csv.DictReader(io.StringIO(analyses.glossary_exports(reports, glossary)["glossary.csv"])))
    assert list(rows[0]) == analyses.GLOSSARY_CSV_COLUMNS
    assert len(rows) == len(glossary)
    for row in rows:
        hits = found[row["term"]]
        assert int(row["occurrences"]) == len(hits)
        assert int(row["reports"]) == len({o.report_id for o in hits})
        assert sum(int(pair.rsplit(":", 1)[1]) for pair in row["by_region"].split("; ") if pair) == len(hits)


def test_every_term_carries_its_pinyin_with_one_toned_syllable_per_han_character(glossary, data):
    """The file writes every term's pinyin (a build need not load pypinyin); each is taken as written."""
    written = {t["term"]: t.get("pinyin") for t in data["terms"]}
    for e in glossary:
        assert written[e.term], f"{e.term}: no pinyin in glossary.yml"
        assert e.pinyin == written[e.term]
        han = re.findall(r"[\u4e00-\u9fff]", e.term)
        toned = re.findall(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", e.pinyin)
        assert len(toned) >= len(han) - e.term.count("子") - e.term.count("的") - e.term.count("个"), (e.term, e.pinyin)
        assert re.fullmatch(r"[a-zA-Z0-9āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü'+ ,]+", e.pinyin), (e.term, e.pinyin)


def test_a_term_without_pinyin_gets_it_generated_reusing_the_written_pinyin_of_terms_inside_it(data):
    unwritten = {"四议两公开", "党员中心户+协会", "书记抓、抓书记"}
    terms = [{k: v for k, v in t.items() if not (k == "pinyin" and t["term"] in unwritten)} for t in data["terms"]]
    glossary = gl.load_glossary(data={**data, "terms": terms})
    assert glossary.by_term["四议两公开"].pinyin == "sì yì liǎng gōngkāi"
    assert glossary.by_term["党员中心户+协会"].pinyin == "dǎngyuán zhōngxīnhù + xiéhuì"
    assert glossary.by_term["书记抓、抓书记"].pinyin == "shūjì zhuā, zhuā shūjì"
    assert glossary.by_term["党员中心户"].pinyin == "dǎngyuán zhōngxīnhù"  # written: taken as it is


# ----------------------------------------------------------------------------- marking terms and the built site


def test_link_terms_marks_the_first_occurrence_of_each_term_with_its_gloss(glossary):
    import markdown

    text = "村“两委”和两委，党员中心户+协会带动党员中心户<b>"
    html_out = markdown.markdown(glossary_pages.link_terms(text, glossary), extensions=["attr_list"])
    anchors = re.findall(r'<a class="glossary-term"[^>]*href="([^"]+)"[^>]*title="([^"]+)">([^<]+)</a>', html_out)
    assert [(href, shown) for href, _, shown in anchors] == [
        ("../glossary/两委.md", "两委"), ("../glossary/党员中心户协会.md", "党员中心户+协会"),
        ("../glossary/党员中心户.md", "党员中心户")]
    assert anchors[0][1].startswith("liǎng wěi · the two committees")
    assert "<b>" not in html_out and "&lt;b&gt;" in html_out
    assert re.sub(r"<[^>]+>", "", html_out) == "村“两委”和两委，党员中心户+协会带动党员中心户&lt;b&gt;"


def test_the_glossary_pages_and_term_links_pass_a_strict_mkdocs_build(extras):
    """MkDocs itself checks every link and anchor: the glossary pages and a demo page marking every term in
    every paragraph of the corpus (conftest's ``extras``, built with the real config, strict)."""
    assert "WARNING" not in extras.log
    built = (extras.site / "glossary" / "四先四后" / "index.html").read_text(encoding="utf-8")
    assert "先整顿后换届" in built and 'href="../../reports/002-2778e66e9170e371/#p6"' in built
    marked = (extras.site / "demo" / "marked" / "index.html").read_text(encoding="utf-8")
    assert 'class="glossary-term"' in marked and 'href="../../glossary/%E5%9B%9B%E5%85%88%E5%9B%9B%E5%90%8E/"' in marked
