"""The site as people read it, in Chromium at desktop and phone widths, light and dark.

axe-core (the npm package, pinned in tests/package.json, run inside each page) finds no serious or
critical accessibility violation; on a phone the text starts on the first screen; report text is set
in a CJK font; a tapped term shows its tip and stays on the page; readers meet plain labels, not code
names; a report prints short, its published address on page 1; screenshots of every page type land in
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import unicodedata

import pytest
from conftest import ROOT, SITE_URL, serve
from test_browser import load_reports, new_page, normalise

from build_scripts.annotate.glossary import load_glossary
from build_scripts.annotate.metadata import DOC_TYPES
from build_scripts.text.assemble import RULE_DESCRIPTIONS

AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
FEATURE = "002-2778e66e9170e371"       # the long feature: 20 paragraphs, 6 captions, 239 edits
DUTY = "000-97fd27dffeb8dc41-03"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: Every page type, by the path a reader opens.
PAGES = {
    "home": "",
    "browse": "reports/",
    "report": f"reports/{FEATURE}/",
    "source": "sources/002-2778e66e9170e371/",
    "glossary": "glossary/",
    "glossary-entry": "glossary/党员中心户/",
    "regions": "regions/",
    "region": "regions/xilin-gol-meng/",
    "topics": "topics/",
    "topic": "topics/collective-economy/",
    "figures": "figures/",
    "tags": "tags/",
    "about": "about/",
    "method": "method/",
}
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
                "WenQuanYi Micro Hei")


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from npm by the test setup (``npm ci --prefix tests``; .ci/run does it)."""
    if not AXE.exists():
        subprocess.run(["npm", "ci", "--prefix", str(ROOT / "tests"), "--no-audit", "--no-fund"], check=True,
                       capture_output=True, timeout=300)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reports(built_site):
    return load_reports(built_site)


def axe_violations(page, axe_source: str) -> list[dict]:
    """Serious and critical violations axe-core finds in the page as it is now (WCAG 2.x A and AA, best practice)."""
    page.add_script_tag(content=axe_source)
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(browser, site_server, axe_source, name, scheme):
    with new_page(browser, viewport=DESKTOP, color_scheme=scheme) as page:
        page.goto(site_server + PAGES[name])
        violations = axe_violations(page, axe_source)
        if name == "report":  # the full record open, and the side-by-side mode on
            page.locator("details.report-meta > summary").click()
            page.locator(".side-by-side-toggle").click()
            violations += axe_violations(page, axe_source)
        assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_axe_on_a_phone_with_a_tapped_term(browser, site_server, axe_source):
    with new_page(browser, viewport=PHONE, has_touch=True, is_mobile=True) as page:
        page.goto(site_server + PAGES["report"])
        page.locator("article a.glossary-term").first.tap()
        assert axe_violations(page, axe_source) == []


def test_on_a_phone_the_text_starts_on_the_first_screen(browser, site_server, reports):
    for report_id, report in reports.items():
        first = next(p["id"] for p in report["paragraphs"] if p["kind"] in ("paragraph", "caption"))
        with new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
            page.goto(site_server + report["url"])
            top = page.locator(f"#{first}").evaluate("el => el.getBoundingClientRect().top")
            assert top < PHONE["height"] - 60, (report_id, top)  # at least two lines of it show
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (report_id, overflow)


def test_report_text_is_set_in_a_cjk_font_at_a_comfortable_measure(browser, site_server):
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server + PAGES["report"])
        paragraph = page.locator("#p5")
        family = paragraph.evaluate("el => getComputedStyle(el).fontFamily")
        first = family.split(",")[0].strip().strip("\"'")
        assert first in CJK_FAMILIES, family
        per_line = paragraph.evaluate("el => el.getBoundingClientRect().width / parseFloat(getComputedStyle(el).fontSize)")
        assert 30 <= per_line <= 38, per_line  # characters a line: each Han character is one em wide
        for tool in page.locator("#p5 .para-tools > *").all():
            box = tool.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, box


def test_tapping_a_term_shows_its_tip_and_stays_then_a_second_tap_opens_the_entry(browser, site_server):
    with new_page(browser, viewport=PHONE, has_touch=True, is_mobile=True) as page:
        page.goto(site_server + PAGES["report"])
        url = page.url
        term = page.locator("article a.glossary-term").first
        name = term.inner_text()
        entry = load_glossary().by_term.get(name) or next(e for e in load_glossary() if name in e.forms)
        term.tap()
        tip = page.locator(".gloss-tip")
        assert tip.is_visible() and page.url == url
        assert entry.tip in tip.inner_text() and entry.english in tip.inner_text()
        assert tip.locator("a.gloss-tip-entry").is_visible()
        page.locator("article h1").tap()  # a tap elsewhere closes it
        assert page.locator(".gloss-tip").count() == 0 and page.url == url
        term.tap()
        term.tap()
        page.wait_for_url("**/glossary/**")
        assert normalise(page.locator("article h1").inner_text()).startswith(entry.term)


def test_hover_and_keyboard_focus_show_the_tip(browser, site_server):
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server + PAGES["report"])
        term = page.locator("article a.glossary-term").first
        term.hover()
        assert page.locator(".gloss-tip").is_visible()
        page.mouse.move(0, 0)
        assert page.locator(".gloss-tip").count() == 0
        page.keyboard.press("Tab")
        term.focus()
        assert page.locator(".gloss-tip").is_visible()
        assert term.get_attribute("aria-describedby") == "gloss-tip"


def test_terms_are_linked_once_per_report_and_ordinary_words_never(browser, site_server, reports):
    glossary = load_glossary()
    ordinary = {form for entry in glossary if entry.ordinary for form in entry.forms}
    assert {"牧区", "旗县", "农牧民", "自治区"} <= ordinary
    for report_id, report in reports.items():
        with new_page(browser) as page:
            page.goto(site_server + report["url"])
            linked = page.locator("article a.glossary-term").evaluate_all("els => els.map(e => e.getAttribute('href'))")
            words = page.locator("article a.glossary-term").all_inner_texts()
        assert len(linked) == len(set(linked)), report_id  # one link per term and report
        assert not ordinary & set(words), (report_id, ordinary & set(words))


CODE_NAMES = sorted({name for name in [*RULE_DESCRIPTIONS, *DOC_TYPES] if "_" in name})
FORBIDDEN = re.compile(r"\b(?:sidecar|seeds?|" + "|".join(map(re.escape, CODE_NAMES)) + r")\b|↵", re.I)


def test_readers_meet_plain_labels_not_code_names(browser, site_server, reports):
    """Visible text of every report page, with the full record open: no sidecar, seed, type or rule code, no ↵.

    Code names stay inside the apparatus groups (closed until a reader opens one) and on the method page.
    """
    for report_id, report in reports.items():
        with new_page(browser, viewport=DESKTOP) as page:
            page.goto(site_server + report["url"])
            page.locator("details.report-meta > summary").click()
            text = page.locator("body").inner_text()
            assert not FORBIDDEN.findall(text), (report_id, sorted(set(FORBIDDEN.findall(text))))
            assert "类型 Type" in text and any(label in text for label in ("述职报告", "报纸通讯", "工作简报"))
            page.locator("details#rule-fullwidth-punctuation > summary, details.rule-group[data-rule] > summary") \
                .first.click()
            opened = page.locator("details.rule-group[open]").first.inner_text()
            assert re.search(r"规则 Rule [a-z_]+", opened), opened  # the code name is one click away
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server + "method/")
        method = page.locator("article").inner_text()
        assert all(name in method for name in [*RULE_DESCRIPTIONS, *DOC_TYPES])
        assert "合并硬换行 Line wraps joined" in normalise(method) and "报纸通讯 Newspaper feature" in method


def test_side_by_side_shows_each_paragraph_beside_its_source_lines(browser, site_server, reports):
    report = reports[FEATURE]
    seed_lines = (ROOT / report["source"]["file"]).read_text(encoding="utf-8").split("\n")
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server + report["url"])
        toggle = page.locator(".side-by-side-toggle")
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        for paragraph in report["paragraphs"][:6]:
            row = page.locator(f".sbs-row:has(> #{paragraph['id']})")
            source, text = row.locator(".sbs-source").bounding_box(), row.locator(f"#{paragraph['id']}").bounding_box()
            assert source["x"] > text["x"] + text["width"] - 1  # beside it, on the same band of the page
            assert source["y"] < text["y"] + text["height"] and text["y"] < source["y"] + source["height"]
            first, last = paragraph["lines"]
            shown = row.locator(".sbs-line").evaluate_all("els => els.map(e => e.lastChild.textContent)")
            assert shown == seed_lines[first - 1:last]
        toggle.click()
        assert not page.locator(".sbs-source").first.is_visible()
        assert page.errors == []


def test_home_and_about_speak_chinese_and_english(browser, site_server):
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server)
        paragraphs = page.locator("article > p").all_inner_texts()
        assert any(len(re.findall(r"[\u4e00-\u9fff]", text)) > 60 for text in paragraphs[:3]), paragraphs[:3]
        assert not any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text) for text in paragraphs), "a line break in Chinese"
        english = page.locator("article [lang=en]").all_inner_texts()
        assert any("Each source text is kept exactly as it was received" in text for text in english)
        page.locator(".md-footer a", has_text="关于本档案").click()
        page.wait_for_url("**/about/")
        headings = page.locator("article h2").all_inner_texts()
        for needed in ("来源", "编辑方法", "权利", "如何引用", "编者"):
            assert any(needed in h for h in headings), (needed, headings)


def test_browse_filters_in_a_readers_order(browser, site_server):
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server + "reports/")
        years = page.locator("select[data-filter=year] option").evaluate_all("os => os.map(o => o.value)")[1:]
        assert years == sorted(years, key=int)
        regions = page.locator("select[data-filter=region] option").evaluate_all("os => os.map(o => o.value)")[1:]
        from build_scripts.annotate.places import Gazetteer
        order = list(Gazetteer().regions)
        assert regions == sorted(regions, key=order.index)
        types = page.locator("select[data-filter=type] option").all_inner_texts()[1:]
        assert "述职报告 Duty report" in types and "报纸通讯 Newspaper feature" in types
        assert "newspaper_feature" not in page.locator("table.report-table").inner_text()


def test_tags_page_lists_each_tags_reports(browser, site_server, reports):
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server + "tags/")
        article = page.locator("article")
        links = article.locator("a[href*='reports/']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert {href.split("reports/")[1].strip("/").removesuffix(".html").split("/")[0] for href in links} \
            == set(reports)
        assert page.locator("article h2", has_text="锡林郭勒盟").count() == 1


def test_map_has_a_legend_and_no_label_overlaps_anything(browser, site_server):
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server + "regions/")
        assert "League or city" in page.locator(".region-map-legend").text_content()
        clashes = page.evaluate("""() => {
            const box = el => el.getBBox();
            const hit = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
            const labels = [...document.querySelectorAll('.region-map-places text')].map(t => [t.textContent, box(t)]);
            const marks = [...document.querySelectorAll('.region-map-places circle')]
                .map(c => [c.parentNode.dataset.region, box(c)]);
            const legend = box(document.querySelector('.region-map-legend'));
            const out = [];
            labels.forEach(([name, b], i) => {
                labels.slice(i + 1).forEach(([other, c]) => { if (hit(b, c)) out.push(name + ' / ' + other); });
                marks.forEach(([other, c]) => { if (other !== name && hit(b, c)) out.push(name + ' on ' + other); });
                if (hit(b, legend)) out.push(name + ' on the legend');
            });
            return out; }""")
        assert clashes == []
        page.goto(site_server + "regions/xilinhot-shi/")
        assert page.locator("figure.region-locator svg circle").count() > 100


def test_report_prints_short_with_its_published_address_on_page_one(browser, published_site):
    from pypdf import PdfReader

    with serve(published_site) as base, new_page(browser) as page:
        page.goto(base + f"reports/{FEATURE}/")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) <= 8, len(pages)
    first = unicodedata.normalize("NFKC", pages[0].extract_text())  # PDF text may use Kangxi radicals (⾼ for 高)
    url = f"{SITE_URL}reports/{FEATURE}/"
    assert url in first.replace("\n", ""), first[:400]
    assert "让党旗在北疆草原高高飘扬" in first and "[引用日期]" not in first
    everything = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pages))
    for absent in ("复制引文", "对照原文", "Side by side", "¶1"):
        assert absent not in everything, absent  # no buttons, no paragraph tools


SHOTS = [(name, width, scheme) for name in PAGES for width in (1280, 390) for scheme in ("light",)] + [
    ("report", 1280, "dark"), ("report", 390, "dark"), ("regions", 1280, "dark"), ("home", 390, "dark")]


def test_screenshots_of_every_page_type(browser, site_server, artifacts):
    """Every page type at desktop and phone widths (and some in dark) for a person to look at."""
    for name, width, scheme in SHOTS:
        with new_page(browser, viewport={"width": width, "height": 900 if width > 400 else 844},
                      color_scheme=scheme, has_touch=width < 400, is_mobile=width < 400) as page:
            page.goto(site_server + PAGES[name])
            page.wait_for_timeout(150)
            path = artifacts / f"reading-{name}-{width}-{scheme}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 8_000, path
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (name, width, overflow)
    with new_page(browser, viewport=DESKTOP) as page:
        page.goto(site_server + PAGES["report"])
        page.locator(".side-by-side-toggle").click()
        page.screenshot(path=str(artifacts / "reading-report-side-by-side-1280-light.png"))
        page.locator("#apparatus").scroll_into_view_if_needed()
        page.locator("details.rule-group[data-rule] > summary").first.click()
        page.screenshot(path=str(artifacts / "reading-report-apparatus-1280-light.png"))
