"""What a search result shows and where it leads, on the served site and in the offline bundle.

Issue 5's "useful results": the report's title, its region and date, a
snippet with the match marked, and a link to the paragraph, not just the
page; glossary entries and region pages found by their names.
"""

from __future__ import annotations

import re

import pytest
from test_browser import load_reports, new_page, search_for
from test_search_quality import page_path

FIRST_ITEM = ".md-search-result__item >> nth=0"


@pytest.fixture(params=["served", "offline"])
def base(request) -> str:
    return request.getfixturevalue("site_server" if request.param == "served" else "offline_base")


def open_search(page, base: str, text: str):
    """Start from the home page, type ``text``; the first result item once it is shown."""
    page.goto(base if base.startswith("http") else base + "index.html")
    search_for(page, text)
    item = page.locator(FIRST_ITEM)
    item.wait_for(state="visible")
    return item


def test_a_result_shows_title_region_date_and_marked_snippet_and_opens_the_paragraph(browser, built_site, base,
                                                                                      artifacts, request):
    reports = {r["url"]: r for r in load_reports(built_site).values()}
    with new_page(browser, viewport={"width": 1280, "height": 900}) as page:
        item = open_search(page, base, "党员中心户")
        page.screenshot(path=str(artifacts / f"search-results-{request.node.callspec.id}.png"))
        links = item.locator(":scope > a")
        report = reports[page_path(links.nth(0).get_attribute("href"), base)]
        assert links.nth(0).locator("h1").inner_text() == report["title"]
        paragraph = links.nth(1)
        meta = paragraph.locator("h2").inner_text()
        assert report["regions"][0] in meta and report["date"] in meta
        assert paragraph.locator("p mark").first.inner_text() == "党员中心户"
        href = paragraph.get_attribute("href")
        anchor = re.search(r"#(p\d+)$", href)
        assert anchor, href
        paragraph.click()
        page.wait_for_url(re.compile(rf"#{anchor[1]}$"))
        target = page.evaluate("() => { const t = document.querySelector(':target'); return t && t.id }")
        assert target == anchor[1]
        marks = page.locator(f"#{anchor[1]} mark[data-md-highlight]")  # the theme marks the query on the page
        marks.first.wait_for()
        assert "党员中心户" in marks.all_inner_texts()
        assert page.errors == [], page.errors


@pytest.mark.parametrize(("name", "expected"), [("四议两公开", "glossary/四议两公开/"),
                                                ("党员中心户", "glossary/党员中心户/"),  # not 党员中心户+协会
                                                ("东乌珠穆沁旗", "regions/dong-ujimqin-qi/")])
def test_glossary_entries_and_regions_are_found_by_name_right_after_the_reports(browser, built_site, base,
                                                                                  name, expected):
    """Reports come first; the page named by the query is the first of the rest."""
    urls = {r["url"] for r in load_reports(built_site).values()}
    with new_page(browser, viewport={"width": 1280, "height": 900}) as page:
        open_search(page, base, name)
        hrefs = page.locator(".md-search-result__item > a:first-child").evaluate_all("as => as.map(a => a.href)")
        pages = [page_path(href, base) for href in hrefs]
        others = [p for p in pages if p not in urls]
        assert others and others[0] == expected, pages
        assert page.errors == [], page.errors
