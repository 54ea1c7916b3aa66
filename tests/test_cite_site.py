"""Citations and metadata in the built site, as reference managers, feed readers and scholars meet them.

The published site (built with ``SITE_URL``) is read with extruct (Dublin
Core, OpenGraph, JSON-LD) and an HTML parser (Highwire ``citation_*``); the
feed with feedparser; the copy buttons are clicked in Chromium on a page
reached from search (``?h=…``) over HTTP and in the offline bundle opened
from disk, and the copied text is read back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import extruct
import feedparser
import pytest
from conftest import SITE_URL, serve
from test_browser import new_page, search_for

from build_scripts.annotate.places import Gazetteer
from build_scripts.export.citation import published_url
from build_scripts.site.feed import atom_feed

TODAY_RE = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]")


class HeadTags(HTMLParser):
    """Every ``<meta>`` and ``<link>`` of a page, and the ``lang`` attributes in its body."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict] = []
        self.english = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("name") or attributes.get("property")):
            self.meta.append((attributes.get("name") or attributes.get("property"), attributes.get("content", "")))
        elif tag == "link":
            self.links.append(attributes)
        if attributes.get("lang") == "en":
            self.english += 1


def head_tags(html: str) -> HeadTags:
    parser = HeadTags()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def records(published_site):
    return {r["id"]: r for r in json.loads((published_site / "data" / "reports.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def citations(published_site):
    return {r["id"]: r for r in json.loads((published_site / "data" / "reports.csl.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def bundle_site(offline_site):
    return offline_site


def report_html(site: Path, report_id: str, offline: bool = False) -> str:
    path = site / "reports" / (f"{report_id}.html" if offline else f"{report_id}/index.html")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- embedded metadata


def test_every_report_page_carries_highwire_dublin_core_opengraph_and_json_ld(published_site, records, citations):
    gazetteer = Gazetteer()
    types = {"newspaper_feature": "NewsArticle", "duty_report": "Report", "bulletin": "Report", "article": "Article"}
    for report_id, record in records.items():
        url = published_url(SITE_URL, report_id)
        html = report_html(published_site, report_id)
        tags = head_tags(html)
        meta: dict[str, list[str]] = {}
        for name, content in tags.meta:
            meta.setdefault(name, []).append(content)
        authors = [name["literal"] for name in citations[report_id].get("author", [])]
        assert meta["citation_title"] == [citations[report_id]["title"]], report_id
        assert meta.get("citation_author", []) == authors, report_id
        assert meta["citation_publication_date"] == [record["date"].rstrip("?~%").replace("-", "/")]
        assert meta["citation_language"] == ["zh"] and meta["citation_public_url"] == [url]
        if record["issuer"]:
            assert meta["citation_publisher"] == [record["issuer"]]
        assert any(link.get("rel") == "canonical" and link.get("href") == url for link in tags.links), report_id
        assert tags.english >= 5, report_id  # English labels and notes are marked as English

        data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph", "dublincore"], uniform=True)
        dublin = {}
        for element in data["dublincore"][0]["elements"]:
            dublin.setdefault(element["name"], []).append(element["content"])
        assert dublin["DC.title"] == [citations[report_id]["title"]] and dublin.get("DC.creator", []) == authors
        assert dublin["DC.identifier"] == [url] and dublin["DC.language"] == ["zh-CN"]
        assert dublin["DC.coverage"] == record["regions"]
        [graph] = data["opengraph"]
        assert graph["og:url"] == url and graph["og:title"] == citations[report_id]["title"]

        [ld] = data["json-ld"]
        assert ld["@type"] == types[record["doc_type"]] and ld["url"] == url
        assert [a["name"] for a in ld.get("author", [])] == authors
        assert {"@type": "WebSite", "url": SITE_URL} .items() <= ld["isPartOf"][0].items()
        assert ld["isBasedOn"]["sha256"] == record["source"]["sha256"]
        assert ld["isBasedOn"]["name"] == record["source"]["file"]
        assert ld["isBasedOn"]["contentUrl"].startswith(SITE_URL + "sources/")
        coordinates = {p["name"]: (p["geo"]["latitude"], p["geo"]["longitude"]) for p in ld["spatialCoverage"]}
        assert coordinates == {name: (gazetteer.regions[name].lat, gazetteer.regions[name].lon)
                               for name in record["regions"]}
        assert ld["about"] and all(term["url"].startswith(SITE_URL + "glossary/") for term in ld["about"])


def test_organisation_authors_are_organisations_in_json_ld(published_site):
    html = report_html(published_site, "001-353f4f72e554a0ae")
    [ld] = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert ld["author"] == [{"@type": "Organization", "name": "自治区党委教育实践活动领导小组办公室"}]


def test_json_ld_cannot_close_its_script_element():
    from build_scripts.site.cite import script_json

    text = script_json({"name": "</script><b>&"})
    assert "</" not in text and "<b>" not in text and json.loads(text) == {"name": "</script><b>&"}


# --------------------------------------------------------------------------- feed and sitemap


def test_feed_is_atom_with_one_entry_per_report_linked_from_every_page(published_site, records):
    feed = feedparser.parse((published_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert len(feed.entries) == len(records)
    assert sorted(entry.link for entry in feed.entries) == sorted(published_url(SITE_URL, r) for r in records)
    assert len({entry.id for entry in feed.entries}) == len(records)
    for page in ("index.html", "reports/index.html", "reports/003-d6548c407ea27bf5/index.html",
                 "glossary/index.html", "sources/003-d6548c407ea27bf5/index.html", "404.html"):
        links = head_tags((published_site / page).read_text(encoding="utf-8")).links
        feeds = [link for link in links if link.get("type") == "application/atom+xml"]
        assert len(feeds) == 1, page


def test_feed_lists_newest_additions_first():
    def record(report_id, seed, position=1):
        return {"id": report_id, "date": "2019", "regions": [], "doc_type": "article",
                "source": {"file": f"seeds/{seed}", "position": position},
                "paragraphs": [{"kind": "paragraph", "text": "正文。"}]}
    records = [record("a", "000_a.txt"), record("b-1", "001_b.txt"), record("b-2", "001_b.txt", 2),
               record("c", "002_c.txt")]
    citations = {r["id"]: {"title": r["id"], "URL": f"https://x.org/reports/{r['id']}/"} for r in records}
    added = {"000_a.txt": 200, "001_b.txt": 100}  # 002_c.txt not committed yet: added at build time (300)
    feed = feedparser.parse(atom_feed(records, citations, "https://x.org/", added, 300))
    assert [entry.title for entry in feed.entries] == ["c", "a", "b-2", "b-1"]
    assert feed.entries[0].published.startswith("1970-01-01T00:05:00")


def test_sitemap_lists_every_page_at_its_published_address(published_site, bundle_site):
    for site, suffix in ((published_site, "/index.html"), (bundle_site, ".html")):
        listed = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
        assert all(loc.startswith(SITE_URL) and (loc.endswith("/") or loc.endswith(".html")) for loc in listed)
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
        as_published = sorted(unquote(loc[len(SITE_URL):]) for loc in listed)
        expected = sorted(re.sub(r"(^|/)index\.html$", r"\1", p) if suffix == "/index.html"
                          else re.sub(r"(^|/)index\.html$", r"\1", p).removesuffix(".html")
                          + ("/" if not p.endswith("index.html") else "") for p in pages)
        assert as_published == expected


# --------------------------------------------------------------------------- offline bundle


def test_offline_exports_urls_resolve_in_the_bundle(bundle_site):
    checked = 0
    for name in ("reports.json", "glossary.json", "regions.json", "topics.json", "figures.json"):
        text = (bundle_site / "data" / name).read_text(encoding="utf-8")
        for url in re.findall(r'"url": "([^"]+)"', text):
            path, _, anchor = url.partition("#")
            target = bundle_site / unquote(path)
            assert target.is_file(), (name, url)
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (name, url)
            checked += 1
    assert checked > 100


def test_offline_pages_name_the_published_address(bundle_site):
    html = report_html(bundle_site, "003-d6548c407ea27bf5", offline=True)
    url = published_url(SITE_URL, "003-d6548c407ea27bf5")
    assert f'<link rel="canonical" href="{url}">' in html
    assert "离线版" in html and "This offline copy cites the archive" in html
    assert "file:" not in html


def test_bundle_without_site_url_stops_and_says_why(monkeypatch, tmp_path):
    from build_scripts.tools import bundle

    monkeypatch.delenv("SITE_URL", raising=False)
    with pytest.raises(SystemExit, match="SITE_URL is not set"):
        bundle.build_offline_site(tmp_path / "site", 0)


def test_offline_build_without_site_url_warns(project_copy, caplog, monkeypatch):
    from build_scripts.site import hooks

    monkeypatch.setattr(hooks, "_build", dict(hooks._build))  # the build state this test sets goes with it
    # on_config pins SOURCE_DATE_EPOCH in os.environ ("0" outside git, as this copy is): set here, it is undone
    # after the test instead of leaking into every later build of the session (they dated their sitemaps 1970)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    seed = next((Path(__file__).parent.parent / "seeds").glob("003_*.txt"))
    (project_copy / "seeds" / seed.name).write_bytes(seed.read_bytes())
    plugin = SimpleNamespace(config=SimpleNamespace(enabled=True))
    config = SimpleNamespace(config_file_path=str(project_copy / "mkdocs.yml"), use_directory_urls=True,
                             site_url=None, docs_dir=str(project_copy / "docs"),
                             plugins={"material/offline": plugin})
    with caplog.at_level("WARNING", logger="mkdocs.hooks.archive"):
        hooks.on_config(config)
    assert any("SITE_URL is not set" in r.message for r in caplog.records)
    caplog.clear()
    config.site_url = SITE_URL
    with caplog.at_level("WARNING", logger="mkdocs.hooks.archive"):
        hooks.on_config(config)
    assert not caplog.records and config.site_url is None  # relative links; the address is kept for citations
    assert hooks._build["site_url"] == SITE_URL


# --------------------------------------------------------------------------- copy buttons in Chromium


def check_paragraph_citation(text: str, report_id: str, paragraph: str, title: str) -> None:
    url = published_url(SITE_URL, report_id)
    assert title in text and f"第{paragraph[1:]}段" in text, text
    assert text.endswith(f"{url}#{paragraph}."), text
    assert "?" not in text.replace("[报纸名不详]", "") and "file:" not in text and "127.0.0.1" not in text, text
    [accessed] = TODAY_RE.findall(text)
    assert abs((dt.date.fromisoformat(accessed) - dt.date.today()).days) <= 1, text


def test_paragraph_citation_from_a_page_reached_by_search(browser, published_site, records):
    report_id = "003-d6548c407ea27bf5"
    with serve(published_site) as base:
        with new_page(browser, viewport={"width": 1280, "height": 900}) as page:
            page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
            page.goto(base)
            search_for(page, "乌日特")
            result = page.locator(f".md-search-result__item a[href*='{report_id}']").first
            result.wait_for(state="visible")
            result.click()
            page.wait_for_load_state()
            assert "?h=" in page.url, page.url
            paragraph = "p3"
            page.locator(f"#{paragraph} .para-cite").click()
            box = page.locator(f"#{paragraph} .para-cite-box")
            check_paragraph_citation(box.input_value(), report_id, paragraph, records[report_id]["title"])
            assert page.evaluate("navigator.clipboard.readText()") == box.input_value()
            page.locator(".cite-block .cite-copy").click()
            whole = page.evaluate("navigator.clipboard.readText()")
            assert whole.endswith(published_url(SITE_URL, report_id) + ".") and "第" not in whole.split("]")[1]
            assert "[引用日期]" not in page.locator(".cite-block .tabbed-block").first.inner_text()
            assert page.errors == [], page.errors


def test_paragraph_citation_in_the_offline_bundle(browser, bundle_site, records):
    report_id = "000-97fd27dffeb8dc41-03"
    with new_page(browser) as page:
        page.context.route("http*://**/*", lambda route: route.abort())
        page.goto((bundle_site / "reports" / f"{report_id}.html").as_uri() + "#p5")
        page.locator("#p5 .para-cite").click()
        text = page.locator("#p5 .para-cite-box").input_value()
        check_paragraph_citation(text, report_id, "p5", records[report_id]["title"])
        page.locator(".cite-block .cite-copy").click()
        whole = page.locator(".cite-block .cite-copy-box").input_value()
        assert whole.startswith("牛俊雁. ") and whole.endswith(published_url(SITE_URL, report_id) + ".")
        assert page.errors == [], page.errors


def test_downloads_beside_the_report_page(published_site):
    html = report_html(published_site, "001-353f4f72e554a0ae")
    for suffix in ("bib", "ris"):
        [href] = re.findall(rf'href="([^"]+\.{suffix})"', html)
        target = (published_site / "reports" / "001-353f4f72e554a0ae" / urlsplit(href).path).resolve()
        assert target.is_file() and "001-353f4f72e554a0ae" in target.read_text(encoding="utf-8")
    package = json.loads((published_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert {"reports.bib", "reports.ris", "reports.csl.json"} <= {r["path"] for r in package["resources"]}
