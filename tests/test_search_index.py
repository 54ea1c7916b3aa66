"""The split search index the build writes: what each file holds, and that the postings say where text is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_scripts.site.search_index import DOC_CHUNK, item_texts
from build_scripts.site.search_postings import ALPHABET, decode, shard_of
from build_scripts.site.search_text import fold


def manifest(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["archive"]


def read(site: Path, path: str) -> object:
    return json.loads((site / manifest(site)["path"] / f"{path}.json").read_text(encoding="utf-8"))


def documents(site: Path) -> list[tuple[list, dict]]:
    """(document-table row, text file) of every document, in index order."""
    count = manifest(site)["docs"]
    rows = [row for chunk in range((count + DOC_CHUNK - 1) // DOC_CHUNK) for row in read(site, f"d/{chunk}")]
    return [(rows[n], read(site, f"t/{n}")) for n in range(count)]


def groups(postings: str) -> dict[tuple[int, int], list[int]]:
    """(document, field) → positions, decoded as the worker's ``groups`` does."""
    numbers, at, doc, field, out = decode(postings), 0, 0, 0, {}
    while at < len(numbers):
        doc_delta, field_value, count = numbers[at:at + 3]
        doc, field = (doc + doc_delta, field_value) if doc_delta else (doc, field + field_value)
        deltas = numbers[at + 3:at + 3 + count]
        out[(doc, field)] = [sum(deltas[:k + 1]) for k in range(count)]
        at += 3 + count
    return out


def test_search_index_json_only_says_where_the_index_is(built_site):
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    assert index["docs"] == []
    assert {"lang", "separator"} <= set(index["config"])  # the theme's page-side highlighter reads them
    assert set(manifest(built_site)) == {"path", "format", "docs", "chunk", "grams", "chars", "keys"}
    assert manifest(built_site)["format"] == "json"
    assert len(raw.encode()) < 2_000


def test_every_report_paragraph_is_indexed_once_at_its_own_location(built_site):
    reports = json.loads((built_site / "data" / "reports.json").read_text(encoding="utf-8"))
    docs = {row[0]: (row, text) for row, text in documents(built_site)}
    for report in reports:
        row, text = docs[report["url"]]
        assert row[1] == report["title"]
        assert row[2] == " · ".join(filter(None, [report["regions"][0], report["date"]]))
        expected = [p for p in report["paragraphs"] if p["kind"] != "note"]
        assert item_texts(text["i"]) == [p["text"] for p in expected]
        numbers = iter(range(1, len(expected) + 1))
        assert [f"p{next(numbers)}" if isinstance(i, str) else i[0] for i in text["i"]] == [p["id"] for p in expected]
        page = (built_site / report["url"] / "index.html").read_text(encoding="utf-8")
        assert all(f'id="{p["id"]}"' in page for p in expected)


def test_other_pages_are_indexed_by_name_and_first_section(built_site):
    docs = {row[0]: (row, text) for row, text in documents(built_site)}
    row, text = docs["glossary/党员中心户/"]
    assert row[1].startswith("党员中心户") and "dǎngyuán zhōngxīnhù" in text["h"]
    assert "出现次数" not in text["h"]  # the counts section is left out
    assert docs["regions/dong-ujimqin-qi/"][0][1].startswith("东乌珠穆沁旗")
    assert "报告 Reports" not in docs["regions/dong-ujimqin-qi/"][1]["h"]
    assert "双抓共促" not in docs[""][1]["h"]  # the home page's report table is not indexed again


@pytest.mark.parametrize("phrase", ["党员中心户", "两学一做学习教育", " 1399 ", "锡林郭勒"])
def test_the_postings_of_a_phrases_grams_place_it_where_folded_text_has_it(built_site, phrase):
    """Every occurrence of a phrase in folded text, and nothing else, has each of its grams at its offsets."""
    info = manifest(built_site)
    docs = documents(built_site)
    offsets = sorted({*range(0, len(phrase) - 1, 2), len(phrase) - 2})
    postings = {}
    for offset in offsets:
        gram = phrase[offset:offset + 2]
        postings[offset] = groups(read(built_site, f"g/{shard_of(gram, info['grams'])}").get(gram, ""))
    found = {(doc, field, p) for (doc, field), positions in postings[0].items() for p in positions
             if all(p + o in postings[o].get((doc, field), ()) for o in offsets)}
    expected = set()
    for doc, (row, text) in enumerate(docs):
        for field, value in enumerate([row[1], text["h"], *item_texts(text["i"])]):
            folded = fold(value)
            expected |= {(doc, field, p) for p in range(len(folded)) if folded.startswith(phrase, p)}
    assert found == expected and expected


def test_postings_use_the_index_alphabet_and_shards_stay_small(built_site):
    folder = built_site / manifest(built_site)["path"]
    for shard in (folder / "g").glob("*.json"):
        data = json.loads(shard.read_text(encoding="utf-8"))
        assert all(set(value) <= set(ALPHABET) for value in data.values())
    sizes = sorted(p.stat().st_size for p in (folder / "g").glob("*.json"))
    assert sizes[len(sizes) // 2] < 16_000


def test_the_lexicon_reaches_terms_places_and_people_by_pinyin_and_english(built_site):
    lexicon = read(built_site, "lexicon")
    forms = {form: kind for kind, entry in lexicon["entries"] for form in entry}
    assert forms["党员中心户"] == "t" and forms["锡盟"] == "p"

    def reached(key: str) -> list:
        codes = read(built_site, f"k/{key[0]}").get(key, [])
        return [code if isinstance(code, str) else lexicon["entries"][code >> 1][1][0] for code in codes]

    assert "党员中心户" in reached("dangyuanzhongxinhu")
    assert "锡林郭勒盟" in reached("xilinguolemeng") and "锡林郭勒盟" in reached("xilingol")
    assert "罗虎在" in reached("luohuzai")
    assert "第一书记" in reached("firstsecretary")
    assert lexicon["guards"]["克旗"] == ["鄂托克旗", "鄂温克旗"]


def test_the_traditional_table_comes_from_opencc(built_site):
    pairs = read(built_site, "t2s")
    table = dict(zip(pairs[::2], pairs[1::2]))
    assert "".join(table.get(c, c) for c in "黨員中心戶基層黨組織") == "党员中心户基层党组织"
    assert len(table) > 4000


def test_the_offline_bundle_index_is_scripts(offline_site):
    info = manifest(offline_site)
    assert info["format"] == "js"
    lexicon = (offline_site / info["path"] / "lexicon.js").read_text(encoding="utf-8")
    assert lexicon.startswith('archiveSearchData("lexicon",{')
    assert not list((offline_site / info["path"]).rglob("*.json"))
