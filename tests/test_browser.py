"""End-to-end browser tests: the built site as a reader's Chromium shows it.

Needs Debian's chromium (``/usr/bin/chromium``) and the Playwright package;
the ``browser`` fixture in ``conftest.py`` skips outside CI when it is absent.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from extra_seeds import HEADER_INJECTIONS, INJECTION_LINES, injection_id

TIMEOUT_MS = 20_000  # generous for the search index and worker, but bounded


OWN_TEXT = ("el => Array.from(el.childNodes).filter(n => !(n.classList && "
            "(n.classList.contains('para-tools') || n.classList.contains('para-cite-box'))))"
            ".map(n => n.textContent).join('')")


def own_text(locator) -> str:
    """A paragraph's text without the reader tools that archive.js adds after it."""
    return locator.evaluate(OWN_TEXT)


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space, as a reader sees it."""
    return " ".join(text.split())


#: The corpus's report ids, from the truth file written by reading the seeds (not by running the pipeline).
REPORT_IDS = sorted(yaml.safe_load((ROOT / "tests" / "fixtures" / "seeds.truth.yml").read_text(encoding="utf-8")))


@contextlib.contextmanager
def new_page(browser, **context_options):
    """A page in a fresh context, with console errors and uncaught exceptions collected."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.errors = []
    page.on("console", lambda msg: page.errors.append(f"console.{msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
    try:
        yield page
    finally:
        context.close()


def load_reports(site: Path) -> dict[str, dict]:
    reports = json.loads((site / "data" / "reports.json").read_text(encoding="utf-8"))
    return {report["id"]: report for report in reports}


def heading_text(page) -> str:
    """The one visible h1 of the article, without its permalink mark."""
    h1 = page.locator("article.md-content__inner h1")
    assert h1.count() == 1, f"expected one h1 in the article, found {h1.count()}"
    assert h1.is_visible()
    return normalise(h1.evaluate(
        "el => Array.from(el.childNodes)"
        ".filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('')"))


def search_for(page, text: str):
    """Type ``text`` into Material's search box as a reader would; return the input.

    On narrow screens the box hides behind the magnifier button in the header
    (``label[for=__search]``); on wide screens the input sits in the header.
    Material reads the query on ``keyup`` (or when its worker becomes ready),
    and Playwright inserts Han characters without key events, as an IME
    commits them, so a final key press stands for the reader's last keystroke.
    """
    button = page.locator("label.md-header__button[for=__search]")
    query = page.locator("input.md-search__input")
    (button if button.is_visible() else query).click()
    query.wait_for(state="visible")
    query.fill(text)
    query.press("End")
    return query


def visible_text(locator) -> str:
    """Text as shown, without the zero-width spaces Material's Chinese search puts between words."""
    return locator.inner_text().replace("\u200b", "")


# 1 --------------------------------------------------------------------------

@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_report_page_shows_title_and_first_paragraph(browser, built_site, site_server, report_id):
    reports = load_reports(built_site)
    assert report_id in reports, f"{report_id} is in docs/data/reports.json but not in the built site's copy"
    report = reports[report_id]
    first = next((p for p in report["paragraphs"] if p["id"] == "p1"), None)
    assert first is not None and first["kind"] in ("paragraph", "caption"), f"{report_id}: no p1 in the JSON"

    with new_page(browser) as page:
        response = page.goto(site_server + report["url"])
        assert response is not None and response.status == 200, f"{report['url']}: HTTP {response and response.status}"
        assert heading_text(page) == normalise(report["title"])
        p1 = page.locator("#p1")
        assert p1.is_visible()
        assert normalise(own_text(p1)) == normalise(first["text"])
        assert first["kind"] in p1.get_attribute("class").split()  # .paragraph or .caption
        assert page.errors == [], page.errors


# 2 --------------------------------------------------------------------------

def test_seed_text_is_shown_literally_never_run(browser, extras, extras_server):
    """Markup and script in a seed's body (tests/extra_seeds.py), on the shared build of the extra seeds."""
    [report] = [r for r in extras.records.values() if r["source"]["file"] == "seeds/901_injection.txt"]
    assert report["id"] == injection_id()
    assert report["title"] == "注入安全测试报告"
    # The pipeline keeps every injection line as a body paragraph, character for character.
    texts = [p["text"] for p in report["paragraphs"] if p["kind"] == "paragraph"]
    for literal in INJECTION_LINES.values():
        assert any(literal in text for text in texts), f"pipeline changed {literal!r}: {texts}"
    assert not [p for p in report["paragraphs"] if p["kind"] != "paragraph"], report["paragraphs"]

    base = extras_server
    with new_page(browser) as page:
        for path in (report["url"], "reports/", ""):
            response = page.goto(base + path)
            assert response is not None and response.status == 200
            assert page.evaluate("typeof window.__pwned") == "undefined", f"{path}: injected script ran"
        page.goto(base + report["url"])
        assert heading_text(page) == "注入安全测试报告"
        article = page.locator("article.md-content__inner")
        visible = article.inner_text()
        for literal in INJECTION_LINES.values():
            assert literal in visible, f"{literal!r} is not visible literally on the page"
        # Every paragraph shows exactly the JSON text, as a paragraph.
        for paragraph in report["paragraphs"]:
            element = page.locator(f"#{paragraph['id']}")
            assert element.evaluate("el => el.tagName") == "P"
            assert own_text(element) == paragraph["text"]
        # Nothing became markup: no script, image, list, emphasis, link or extra heading in the body.
        body = "article.md-content__inner p.paragraph"
        markup = (f"{body} script, {body} img, {body} strong, {body} em, "
                  f"{body} a:not(.para-tools a):not(a.glossary-term)")  # our tools and term links only
        assert page.locator(markup).count() == 0
        assert page.locator("article.md-content__inner ol").count() == 0
        assert page.locator("article.md-content__inner img").count() == 0
        # The one script element is the side-by-side mode's data (never run): the seed's lines, as JSON text.
        scripts = page.locator("article.md-content__inner script")
        assert scripts.count() == 1 and scripts.get_attribute("type") == "application/json"
        source_lines = json.loads(scripts.text_content())
        assert any(line.startswith(INJECTION_LINES["script"]) for line in source_lines)
        page.locator(".side-by-side-toggle").click()  # the mode shows those lines as text, never as markup
        assert any(INJECTION_LINES["script"] in text for text in page.locator(".sbs-source").all_inner_texts())
        assert page.locator("article.md-content__inner script").count() == 1
        headings = [normalise(h) for h in page.locator("article.md-content__inner :is(h2,h3,h4,h5,h6)").all_inner_texts()]
        assert not any("不是" in h for h in headings), headings
        list_items = page.locator("article.md-content__inner li").all_inner_texts()
        assert not any("不是列表" in item for item in list_items), list_items
        page.wait_for_timeout(300)  # let a late onerror/onload fire if one was rendered
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.errors == [], page.errors


@pytest.mark.parametrize("key", HEADER_INJECTIONS)
def test_markup_in_header_lines_is_not_run(browser, extras, extras_server, key):
    _, value = HEADER_INJECTIONS[key]
    report = extras.records[injection_id(key)]
    assert report[key] == value
    base = extras_server
    with new_page(browser, viewport={"width": 1280, "height": 800}) as page:
        for path in (report["url"], "reports/", ""):
            page.goto(base + path)
            page.wait_for_timeout(300)
            assert page.evaluate("typeof window.__pwned") == "undefined", f"{path}: markup in the {key} ran"
        page.goto(base + report["url"])
        shown = page.locator("article.md-content__inner h1" if key == "title" else ".report-subtitle")
        assert normalise(shown.inner_text().removesuffix("¶")) == value
        if key == "title":  # the theme also shows the title, as text, in <title> and in the header
            assert value in page.title()
            assert value in page.locator(".md-header__topic").all_inner_texts()[-1]
        assert page.errors == [], page.errors


# 3 --------------------------------------------------------------------------

def test_no_requests_leave_the_local_server(browser, built_site, site_server):
    report = next(iter(load_reports(built_site).values()))
    context = browser.new_context()
    requested: list[str] = []

    def record(route):
        requested.append(route.request.url)
        if route.request.url.startswith(site_server):
            route.continue_()
        else:
            route.abort()  # never wait on the network; the URL is recorded and fails the test

    context.route("**/*", record)
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(site_server, wait_until="networkidle")
        # Opening search loads the search worker and index: those requests count too.
        search_for(page, "嘎查村")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.goto(site_server + report["url"], wait_until="networkidle")
    finally:
        context.close()
    assert any(url.startswith(site_server + "search/") for url in requested), "the search index was never loaded"
    assert any(url.startswith(site_server + report["url"]) for url in requested)
    outside = sorted({url for url in requested if not url.startswith(site_server)})
    assert outside == [], outside


# 4 --------------------------------------------------------------------------

SCREENSHOT_REPORT = "004-1e4098aa4da3de56"  # has captions, headings and an apparatus


def test_screenshots_for_review(browser, built_site, site_server, artifacts):
    reports = load_reports(built_site)
    report = reports.get(SCREENSHOT_REPORT) or next(iter(reports.values()))
    shots = [
        ("home-desktop.png", "", {"width": 1280, "height": 800}, False, {}),
        ("report-desktop.png", report["url"], {"width": 1280, "height": 800}, True, {}),
        ("report-mobile.png", report["url"], {"width": 390, "height": 844}, True,
         {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}),
        ("reports-index-desktop.png", "reports/", {"width": 1280, "height": 800}, True, {}),
    ]
    for name, path, viewport, full_page, options in shots:
        target = artifacts / name
        target.unlink(missing_ok=True)
        with new_page(browser, viewport=viewport, **options) as page:
            response = page.goto(site_server + path, wait_until="networkidle")
            assert response is not None and response.status == 200
            page.evaluate("document.fonts.ready")
            # The page must not scroll sideways on a phone: text wraps instead.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name}: page is {overflow}px wider than the viewport"
            page.screenshot(path=str(target), full_page=full_page)
            assert page.errors == [], page.errors
        assert target.exists() and target.stat().st_size > 10_000, f"{target} missing or too small"


# 5 --------------------------------------------------------------------------

def test_search_finds_chinese_text(browser, site_server):
    with new_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(site_server)
        search_for(page, "嘎查村")
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="visible", timeout=TIMEOUT_MS)
        assert results.count() >= 1
        assert "嘎查村" in visible_text(page.locator(".md-search-result__list"))
        links = page.locator(".md-search-result__item > a").evaluate_all("as => as.map(a => a.href)")
        assert any("/reports/" in link for link in links[:5]), links[:5]  # reports among the first results
        # A word that is nowhere in the archive finds nothing: the search really filters, Han
        # phrases too (not the pages that share a character with them).
        for absent in ("xyzzyq", "嘎查村党员中心户协会"):
            search_for(page, absent)
            page.locator(".md-search-result__meta").filter(has_text="没有").wait_for(timeout=TIMEOUT_MS)
            assert results.count() == 0
        assert page.errors == [], page.errors
