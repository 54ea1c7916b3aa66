"""A web page, a Word work report and a PDF bulletin in ``seeds/`` become faithful reports on a strict build.

As an editor would: the three files go into ``seeds/`` and ``mkdocs build
--strict`` runs; the pages, the data export and the source views are read
as a reader gets them (the source view in Chromium).
"""

from __future__ import annotations

import base64
import json
import shutil

import format_fixtures as fx
import pytest
from conftest import copy_project, mkdocs_build, serve
from test_browser import new_page

from build_scripts.errors import ArchiveError
from build_scripts.pipeline import run
from build_scripts.text.ingest import read_seed
from build_scripts.tools.linkcheck import check_site

SEEDS = {"201_web.html": "201-web", "202_work_report.docx": "202-work-report", "203_bulletin.pdf": "203-bulletin"}


@pytest.fixture(scope="module")
def project(tmp_path_factory, browser):
    target = copy_project(tmp_path_factory.mktemp("formats") / "project")
    files = [fx.web_page(), fx.work_report_docx(), fx.print_pdf(browser, fx.bulletin_html())]
    for name, data in zip(SEEDS, files):
        (target / "seeds" / name).write_bytes(data)
    return target


@pytest.fixture(scope="module")
def formats_site(project, tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats-site")
    result = mkdocs_build(folder, project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return folder


@pytest.fixture(scope="module")
def records(formats_site, project):
    return {r["id"]: r for r in json.loads((project / "docs" / "data" / "reports.json").read_text(encoding="utf-8"))}


def people(record) -> list[tuple[str, str]]:
    return [(a["name"], a["role"]) for a in record["authors"]]


def texts(record, kind="paragraph") -> list[str]:
    return [p["text"] for p in record["paragraphs"] if p["kind"] == kind]


def test_the_web_page_becomes_its_article(records):
    report = records["201-web"]
    assert report["title"] == fx.WEB_TITLE and report["kicker"] is None and report["subtitle"] is None
    assert (report["date"], people(report), report["publication"]) == ("2021-06-18", [("乌日娜", "author")], "北疆党建网")
    assert "article:published_time" in report["date_basis"]
    assert texts(report) == fx.WEB_PARAGRAPHS and texts(report, "heading") == fx.WEB_HEADINGS
    assert texts(report, "caption") == [fx.WEB_CAPTION.split("（")[0]]     # the credit goes to the photographer
    assert ("王丽", "editor") in [(c["name"], c["role"]) for c in report["contributors"]]
    body = json.dumps(report["paragraphs"], ensure_ascii=False)
    assert not [word for word in fx.WEB_FURNITURE if word in body]
    assert report["source"]["format"] == "html" and report["source"]["encoding"] == "utf-8"
    assert {d["kind"] for d in report["source"]["extraction"]["dropped"]} >= {"navigation", "breadcrumb", "footer"}


def test_the_word_document_becomes_its_work_report(records):
    report = records["202-work-report"]
    assert report["title"] == fx.WORD_TITLE
    assert (report["date"], report["issuer"]) == ("2020-12-15", fx.WORD_ISSUER)
    assert people(report) == [(fx.WORD_ISSUER, "issuer")]       # Word's author (the account) is evidence, unused
    assert report["date_basis"].startswith("stated: the signature block")
    assert texts(report)[0] == fx.WORD_OPENING and len(texts(report)) == 5
    assert texts(report, "heading")[:3] == ["一、主要工作", "（一）压实党建工作责任", "（二）建强嘎查村党组织"]
    assert any("李明" in line and "not used" in line for line in report["evidence"])
    assert (report["source"]["format"], report["source"]["encoding"]) == ("docx", None)


def test_the_pdf_becomes_its_bulletin_with_the_wraps_joined(records):
    report = records["203-bulletin"]
    assert report["title"] == fx.BULLETIN_TITLE and report["doc_type"] == "bulletin"
    assert (report["date"], report["issuer"], report["publication"]) == (
        "2020-06-15", fx.BULLETIN_ISSUER, fx.BULLETIN_NAME)
    expected = fx.BULLETIN_OPENING + [p for _, paragraphs in fx.BULLETIN_SECTIONS for p in paragraphs]
    assert texts(report) == expected                  # every hard wrap joined by the existing rules
    assert texts(report, "heading") == [h for h, _ in fx.BULLETIN_SECTIONS]
    assert [f["kind"] for f in report["furniture"]] == ["distribution", "distribution", "issuing_line"]
    assert report["source"]["pages"] == [1, 2] and len(report["source"]["extraction"]["pages"]) == 2


@pytest.mark.parametrize("seed, served", [("201_web.html", "201-web.html.txt"), ("202_work_report.docx",
                                          "202-work-report.docx"), ("203_bulletin.pdf", "203-bulletin.pdf")])
def test_the_original_is_published_byte_for_byte(formats_site, project, seed, served):
    assert (formats_site / "sources" / served).read_bytes() == (project / "seeds" / seed).read_bytes()


def test_the_saved_page_is_never_served_as_a_page_of_the_site(formats_site):
    assert not list(formats_site.rglob("201-web.html")) and check_site(formats_site) == []


def test_the_source_view_numbers_the_extracted_text_and_offers_the_original(browser, formats_site, project):
    seed = read_seed(project / "seeds" / "203_bulletin.pdf")
    with serve(formats_site) as base, new_page(browser) as page:
        page.goto(base + "reports/203-bulletin/")
        page.locator("details.report-meta > summary").click()  # the full record, where the source row is
        assert "pages 1–2" in page.locator(".report-meta").inner_text()
        page.locator("a.source-view-link").click()
        page.wait_for_load_state()
        shown = page.locator(".seed-text .lt").evaluate_all("els => els.map(e => e.textContent)")
        assert "\n".join(shown) == seed.text
        starts = page.locator(".seed-text .line[data-page]").evaluate_all("els => els.map(e => e.id)")
        assert starts == [f"L{first}" for first, _ in seed.extraction.pages]
        assert page.locator("#extraction").count() == 1 and "masthead" in page.locator("article").inner_text()
        href = page.locator("a.seed-download").get_attribute("href")
        data = page.evaluate("href => fetch(href).then(r => r.arrayBuffer()).then(b => "
                             "btoa(Array.from(new Uint8Array(b), c => String.fromCharCode(c)).join('')))", href)
        assert base64.b64decode(data) == seed.raw
        page.goto(base + "sources/201-web/")
        link = page.locator("a.seed-download")
        assert link.get_attribute("download") == "201_web.html" and link.get_attribute("href").endswith(".html.txt")
        assert page.errors == []


def test_the_report_page_shows_what_the_extraction_did(formats_site):
    page = (formats_site / "reports" / "201-web" / "index.html").read_text(encoding="utf-8")
    assert 'id="source"' in page and "trafilatura 2.3.1" in page and "分享到" in page
    assert "used as the date" in page and "credited as editor (a contributor, not an author of the text)" in page


@pytest.mark.parametrize("name, data, words", [
    ("204_locked.pdf", lambda browser: fx.locked_pdf(fx.print_pdf(browser, fx.bulletin_html())),
     ["204_locked.pdf", "password-protected"]),
    ("204_old.docx", lambda browser: fx.compound_file("WordDocument", b"\0" * 8), ["204_old.docx", ".doc"]),
    ("204_index.html", lambda browser: fx.index_page(), ["204_index.html", "has no article"]),
])
def test_a_bad_file_stops_the_build_and_leaves_the_pages_as_they_were(tmp_path, project, browser, name, data, words):
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    run(root=copy)
    before = {p: p.read_bytes() for p in sorted((copy / "docs").rglob("*")) if p.is_file()}
    (copy / "seeds" / name).write_bytes(data(browser))
    with pytest.raises(ArchiveError) as caught:
        run(root=copy)
    assert all(word in str(caught.value) for word in words) and "Fix:" in str(caught.value)
    assert {p: p.read_bytes() for p in sorted((copy / "docs").rglob("*")) if p.is_file()} == before
