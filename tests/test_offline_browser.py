"""The offline bundle as a reader in the field uses it: unzipped, opened from disk, no network at all.

The walk: home → report → glossary term (tip on hover, entry on click) → region → topic →
source view; the browse filters; the region map; a Chinese search.
"""

from __future__ import annotations

from test_browser import new_page, search_for, visible_text


def test_bundle_opened_from_disk_works_with_every_request_blocked(browser, offline_site):
    site = offline_site
    outside: list[str] = []
    with new_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.on("request", lambda request: None if request.url.startswith("file://")
                else outside.append(request.url))
        page.context.route("http*://**/*", lambda route: route.abort())
        page.goto((site / "index.html").as_uri())
        assert "档案" in page.title()
        page.locator("table.report-table a", has_text="双抓共促").click()
        page.wait_for_load_state()
        assert page.url.endswith("reports/003-d6548c407ea27bf5.html")
        assert page.locator("article h1").inner_text().startswith("双抓共促")
        assert page.locator("#p1 .para-tools .para-link").count() == 1
        term = page.locator("#p2 a.glossary-term").first
        term.hover()
        assert page.locator(".gloss-tip").is_visible()
        term.click()
        page.wait_for_load_state()
        assert "/glossary/" in page.url and page.locator("article h1").count() == 1
        page.go_back()
        page.locator(".report-essentials a", has_text="锡林郭勒盟").click()  # the regions, in the line under the title
        page.wait_for_load_state()
        assert page.url.endswith("regions/xilin-gol-meng.html") and "锡林郭勒盟" in page.locator("article h1").inner_text()
        page.locator("article a[href*='topics/']").first.click()
        page.wait_for_load_state()
        assert "/topics/" in page.url and page.locator("article h1").count() == 1
        page.go_back()
        page.go_back()
        page.locator("details.report-meta").evaluate("details => { details.open = true; }")
        page.locator("a.source-view-link").click()
        page.wait_for_load_state()
        assert "/sources/" in page.url and page.locator(".seed-text .line.hl").count() > 10
        page.goto((site / "regions" / "index.html").as_uri())
        page.locator("svg a.region-map-place", has_text="通辽市").click()
        page.wait_for_load_state()
        assert page.url.endswith("regions/tongliao-shi.html")
        page.goto((site / "reports" / "index.html").as_uri())
        page.locator("select[data-filter=region]").select_option("通辽市")
        assert page.locator("table.report-table tbody tr:visible").count() == 1
        search_for(page, "乌日特")
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="visible")
        shown = [visible_text(item) for item in results.all()[:5]]
        assert any("双抓共促" in text for text in shown), shown  # the report, next to the term's glossary entry
        assert page.errors == [], page.errors
    assert outside == [], outside
