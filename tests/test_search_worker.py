"""The archive's search: its worker in place of the theme's, and the compact index it reads."""

from __future__ import annotations

import json
from pathlib import Path

import material

from build_scripts.pipeline import ROOT

THEME_WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
OVERRIDES = ROOT / "overrides" / "assets" / "javascripts" / "workers"


def expand(doc: dict) -> list[tuple[str, str]]:
    """(location, text) of each paragraph of an index entry, as the worker reads them (``expand``)."""
    number, out = 1, []
    for item in doc.get("items", []):
        if isinstance(item, str):
            item, number = (f"p{number}", item), number + 1
        out.append((f"{doc['location']}#{item[0]}", item[1]))
    return out


def load_index(site: Path) -> tuple[str, dict]:
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    return raw, json.loads(raw)


def test_the_override_takes_the_place_of_the_installed_themes_worker():
    """The theme loads its worker by a hashed name; a theme upgrade that renames it must fail here, not silently."""
    [theme] = THEME_WORKERS.glob("search.*.min.js")
    assert [p.name for p in OVERRIDES.iterdir()] == [theme.name]


def test_built_site_serves_the_archive_worker(built_site):
    [worker] = (built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    assert worker.read_bytes() == (OVERRIDES / worker.name).read_bytes()


def test_index_is_plain_utf8_text_without_word_boundaries(built_site):
    raw, index = load_index(built_site)
    docs = raw[raw.index('"docs":'):]
    assert "\\u" not in docs and "\u200b" not in docs
    assert {"lang", "separator"} <= set(index["config"])  # the theme's page-side highlighter reads them
    assert "<" not in "".join(doc["text"] for doc in index["docs"])  # text, not the plugin's HTML


def test_every_report_paragraph_is_indexed_once_at_its_own_location(built_site):
    _, index = load_index(built_site)
    reports = json.loads((built_site / "data" / "reports.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"]}
    for report in reports:
        doc = entries[report["url"]]
        assert doc["title"] == report["title"]
        assert doc["meta"] == " · ".join(filter(None, [report["regions"][0], report["date"]]))
        assert expand(doc) == [(f"{report['url']}#{p['id']}", p["text"])
                               for p in report["paragraphs"] if p["kind"] != "note"]
        page = (built_site / report["url"] / "index.html").read_text(encoding="utf-8")
        assert all(f'id="{location.split("#")[1]}"' in page for location, _ in expand(doc))


def test_other_pages_are_indexed_by_name_and_first_section(built_site):
    _, index = load_index(built_site)
    entries = {doc["location"]: doc for doc in index["docs"]}
    entry = entries["glossary/党员中心户/"]
    assert entry["title"].startswith("党员中心户") and "dǎngyuán zhōngxīnhù" in entry["text"]
    assert "出现次数" not in entry["text"]  # the counts section is left out
    assert entries["regions/dong-ujimqin-qi/"]["title"].startswith("东乌珠穆沁旗")
    assert "报告 Reports" not in entries["regions/dong-ujimqin-qi/"]["text"]
    assert "双抓共促" not in entries[""]["text"]  # the home page's report table is not indexed again


def test_report_entries_cost_little_more_than_their_text(built_site):
    """Per report: title, byline, region and date, paragraph ids and JSON syntax add at most 10 % to the text."""
    _, index = load_index(built_site)
    reports = json.loads((built_site / "data" / "reports.json").read_text(encoding="utf-8"))
    text = sum(len(p["text"].encode()) for r in reports for p in r["paragraphs"] if p["kind"] != "note")
    entries = sum(len(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode())
                  for doc in index["docs"] if doc.get("items"))
    assert entries <= 1.1 * text, (entries, text)
