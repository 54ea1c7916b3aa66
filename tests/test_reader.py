"""A scholar's use of a report page in Chromium: permalinks, source view, apparatus, citations, browsing."""

from __future__ import annotations

import base64
import re

import pytest
from test_browser import load_reports, new_page, normalise, own_text

from build_scripts.pipeline import ROOT
from build_scripts.text.ingest import read_seed

REPORT = "000-97fd27dffeb8dc41-03"   # cut from a composite seed, eight paragraphs, byline
FEATURE = "004-1e4098aa4da3de56"     # captions, headings, lost-quotation marks


@pytest.fixture(scope="module")
def reports(built_site):
    return load_reports(built_site)


def test_paragraph_permalink_lands_on_and_highlights_the_paragraph(browser, site_server, reports):
    with new_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(site_server + reports[REPORT]["url"] + "#p5")
        target = page.locator("#p5")
        assert target.evaluate("el => el.matches(':target')")
        box = target.bounding_box()
        assert 0 <= box["y"] < 800, box
        highlighted = target.evaluate("el => getComputedStyle(el).outlineStyle")
        plain = page.locator("#p4").evaluate("el => getComputedStyle(el).outlineStyle")
        assert (highlighted, plain) == ("solid", "none")
        link = target.locator(".para-tools .para-link")
        assert link.get_attribute("href") == "#p5" and link.is_visible()
        assert page.errors == []


def test_headings_have_readable_chinese_anchors(browser, site_server, reports):
    with new_page(browser) as page:
        page.goto(site_server + reports[FEATURE]["url"])
        ids = page.locator("article h2[id], article h3[id]").evaluate_all("els => els.map(e => e.id)")
        chinese = [i for i in ids if re.search(r"[\u4e00-\u9fff]", i)]
        assert len(chinese) >= 3 and not [i for i in ids if re.fullmatch(r"_\d+", i)]


def seed_for(report) -> str:
    return report["source"]["file"].split("/", 1)[1]


def test_source_view_shows_the_seed_exactly(browser, site_server, reports):
    report = reports[REPORT]
    seed = read_seed(ROOT / "seeds" / seed_for(report))
    with new_page(browser) as page:
        page.goto(site_server + report["url"])
        page.locator("details.report-meta > summary").click()  # the full record, with the source lines
        page.locator("a.source-view-link").click()
        page.wait_for_load_state()
        shown = page.locator(".seed-text .lt").evaluate_all("els => els.map(e => e.textContent)")
        assert "\n".join(shown) == seed.text
        first, last = report["source"]["lines"]
        assert page.locator(".seed-text .line.hl").count() == last - first + 1
        assert page.locator(f"#L{first}").evaluate("el => el.classList.contains('hl')")
        href = page.locator("a.seed-download").get_attribute("href")
        data = page.evaluate("href => fetch(href).then(r => r.arrayBuffer()).then(b => "
                             "btoa(String.fromCharCode(...new Uint8Array(b))))", href)
        assert base64.b64decode(data) == seed.raw
        assert page.errors == []


def test_paragraph_goes_to_its_place_in_the_source(browser, site_server, reports):
    report = reports[REPORT]
    paragraph = next(p for p in report["paragraphs"] if p["id"] == "p2")
    with new_page(browser) as page:
        page.goto(site_server + report["url"])
        page.locator("#p2 .para-source").click()
        page.wait_for_load_state()
        first, last = paragraph["lines"]
        highlighted = page.locator(".seed-text .line.hl .lt").evaluate_all("els => els.map(e => e.textContent)")
        assert len(highlighted) == last - first + 1
        assert "".join(highlighted).replace("\n", "").startswith(paragraph["text"][:10])


def apparatus_rows(page) -> list[list[str]]:
    """Rows of every rule's edit table (the groups of the apparatus), with the target of each row's place link."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('article details.rule-group[data-rule] tbody tr'))
        .map(tr => [tr.cells[0].querySelector('a').getAttribute('href')].concat(
            Array.from(tr.cells).slice(2).map(td => td.textContent)))""")


@pytest.mark.parametrize("report_id", [REPORT, FEATURE, "001-353f4f72e554a0ae", "002-2778e66e9170e371"])
def test_apparatus_lists_every_edit(browser, site_server, reports, report_id):
    report = reports[report_id]
    with new_page(browser) as page:
        page.goto(site_server + report["url"])
        rows = apparatus_rows(page)
    assert len(rows) == len(report["edits"]) > 0

    def shown(text):
        return re.sub(r"[ \u3000\xa0\t]", "␣", text).replace("\n", "↵") if text else "∅"
    assert sorted((r[1], r[2]) for r in rows) == sorted((shown(e["before"]), shown(e["after"]))
                                                        for e in report["edits"])
    assert sorted(r[0] for r in rows) == sorted("#" + (e["paragraph"] or "furniture") for e in report["edits"])


def test_apparatus_summary_first_and_each_group_one_click_away(browser, site_server, reports):
    """The summary counts every edit; a group's rows show only when its summary is clicked, and its row links
    land on the paragraph."""
    report = reports["002-2778e66e9170e371"]
    with new_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.goto(site_server + report["url"])
        summary = normalise(page.locator(".apparatus-summary").inner_text())
        assert summary.startswith(f"共 {len(report['edits'])} 处修改")
        assert f"{len(report['edits'])} edits: " in summary and "punctuation marks made full-width" in summary
        headings = page.locator("article h3[id]").evaluate_all("els => els.map(e => e.id)")
        assert headings.index("edits") < headings.index("notes") < headings.index("mechanical-edits")
        group = page.locator("details#rule-remove-repeated-paragraph")
        rows = group.locator("tbody tr")
        assert not rows.first.is_visible()
        group.locator("summary").click()
        assert rows.first.is_visible()
        assert "删除重复段落" in group.locator("summary").inner_text()
        target = rows.first.locator("td a").first.get_attribute("href")
        rows.first.locator("td a").first.click()
        assert page.evaluate("location.hash") == target
        assert page.errors == []


def test_lost_quotation_marks_are_marked_in_the_text(browser, site_server, reports):
    with new_page(browser) as page:
        page.goto(site_server + reports[FEATURE]["url"])
        marks = page.locator("article .lost-quote")
        assert marks.count() >= 5
        assert page.locator("#p10 .lost-quote").count() == 1   # 五面红旗嘎查村 争创活动
        assert "possible lost quotation marks" in marks.first.get_attribute("title")


def test_citation_block_has_title_author_date_and_no_address_without_site_url(browser, site_server, reports):
    """A site built without SITE_URL has no published address: citations say so and carry no URL at all."""
    report = reports[REPORT]
    with new_page(browser) as page:
        page.goto(site_server + report["url"])
        cite = page.locator(".cite-block")
        for tab in ("GB/T 7714", "BibTeX", "RIS", "CSL-JSON"):
            page.locator(".tabbed-labels label", has_text=tab).click()
            text = cite.locator(".tabbed-block:visible").inner_text()
            for needed in (report["title"], "牛俊雁", "2017"):
                assert needed in text, (tab, needed)
            assert "http" not in text, tab
        assert "SITE_URL" in cite.locator(".cite-address").inner_text()
        assert page.locator(".cite-block .md-code__button[data-md-type=copy]").count() == 4
        page.locator("#p3 .para-cite").click()
        box = page.locator("#p3 .para-cite-box")
        assert box.is_visible()
        assert "第3段" in box.input_value() and report["title"] in box.input_value()
        assert "http" not in box.input_value() and "#p3" not in box.input_value()
        assert own_text(page.locator("#p3")) == next(p["text"] for p in report["paragraphs"] if p["id"] == "p3")


def test_home_page_counts_and_browse_page_filters_and_sorts(browser, site_server, reports):
    with new_page(browser) as page:
        page.goto(site_server)
        summary = normalise(page.locator("article").inner_text())
        assert f"{len(reports)} reports" in summary and "2014–2021" in summary
        assert page.locator("table.report-table tbody tr").count() == len(reports)
        page.goto(site_server + "reports/")
        rows = page.locator("table.report-table tbody tr")
        page.locator("select[data-filter=region]").select_option("通辽市")
        assert rows.locator("visible=true").count() == 1
        assert page.locator(".report-count").inner_text() == f"1 / {len(reports)}"
        page.locator("select[data-filter=region]").select_option("")
        page.locator("select[data-filter=type]").select_option("duty_report")
        assert rows.locator("visible=true").count() == 8
        page.locator("select[data-filter=type]").select_option("")
        page.locator("select[data-filter=year]").select_option("2014")
        assert rows.locator("visible=true").count() == 1
        page.locator("select[data-filter=year]").select_option("")
        header = page.locator("th[data-sort=date]")
        header.click()
        header.click()
        dates = rows.evaluate_all("rs => rs.map(r => r.dataset.date)")
        assert dates == sorted(dates, reverse=True) and dates[0] != dates[-1]


def test_reader_screenshots(browser, site_server, reports, artifacts):
    shots = {
        "reader-report-desktop.png": (reports[REPORT]["url"] + "#p3", 1280),
        "reader-report-mobile.png": (reports[FEATURE]["url"], 390),
        "reader-source-view.png": ("sources/" + reports[REPORT]["source"]["file"].split("/")[1]
                                   .removesuffix(".txt").lower().replace("_", "-") + "/#L124-L130", 1280),
        "reader-browse.png": ("reports/", 1280),
    }
    shots["reader-report-dark.png"] = (reports[FEATURE]["url"] + "#p10", 1280)
    for name, (path, width) in shots.items():
        scheme = "dark" if "dark" in name else "light"
        with new_page(browser, viewport={"width": width, "height": 900}, color_scheme=scheme) as page:
            page.goto(site_server + path)
            page.wait_for_timeout(200)
            assert page.locator("article h1").count() == 1, name
            page.screenshot(path=str(artifacts / name))
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (name, overflow)
            if scheme == "dark":
                assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert (artifacts / name).stat().st_size > 10_000
