"""Comparing across the archive in Chromium: glossary index order, topic pages by region, the tag index, the map."""

from __future__ import annotations

from test_browser import new_page


def test_glossary_index_is_in_pinyin_order_and_terms_link_back(browser, site_server):
    with new_page(browser) as page:
        page.goto(site_server + "glossary/")
        rows = page.locator("tr[data-pinyin]").evaluate_all("rs => rs.map(r => r.dataset.pinyin)")
        assert len(rows) > 100
        lettered = [p for p in rows if p[:1].isalpha() and p[:1].isascii()]
        plain = ["".join(ch for ch in p.lower() if ch.isascii()) for p in lettered]
        assert [p[:1] for p in plain] == sorted(p[:1] for p in plain)  # grouped by initial, a to z
        page.locator("table a", has_text="党员中心户").first.click()
        page.wait_for_load_state()
        assert "党员中心户" in page.locator("article h1").inner_text()
        assert "dǎngyuán" in page.locator("article").inner_text()
        assert page.locator("article a[href*='/reports/']").count() > 5  # its occurrences, linked
        assert page.errors == []


def test_topic_page_groups_passages_by_region(browser, site_server):
    with new_page(browser) as page:
        page.goto(site_server + "topics/collective-economy/")
        groups = page.locator("#passages ~ h3").all_inner_texts()
        assert len(groups) >= 2
        links = page.locator("article a[href*='/reports/'][href*='#p']").count()
        assert links >= 5
        page.goto(site_server + "topics/")
        assert page.locator("article table").count() >= 1
        assert page.errors == []


def test_tag_index_lists_regions_and_topics(browser, site_server):
    with new_page(browser) as page:
        page.goto(site_server + "tags/")
        text = page.locator("article").inner_text()
        for tag in ("锡林郭勒盟", "嘎查村集体经济", "通辽市"):
            assert tag in text, tag
        assert page.locator("article a[href*='regions/']").count() > 5
        assert page.locator("article a[href*='topics/']").count() > 5


def test_map_places_are_clickable(browser, site_server):
    with new_page(browser) as page:
        page.goto(site_server + "regions/")
        places = page.locator("svg a.region-map-place")
        assert places.count() >= 30
        places.filter(has_text="锡林郭勒盟").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("regions/xilin-gol-meng/")
        assert "锡林郭勒盟" in page.locator("article h1").inner_text()
