"""Publishing: link and asset integrity, the 404 page and sitemap, the Pages workflow, the offline bundle."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from urllib.parse import unquote

import yaml
from conftest import SITE_URL, root_lock

from build_scripts.pipeline import ROOT
from build_scripts.tools import bundle
from build_scripts.tools.linkcheck import check_site

def test_every_internal_link_anchor_and_asset_resolves(built_site):
    assert [str(p) for p in check_site(built_site)] == []


def test_published_site_resolves_and_references_no_other_host(published_site):
    assert [str(p) for p in check_site(published_site, SITE_URL)] == []


def test_linkcheck_finds_broken_links_anchors_and_external_hosts(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "reports" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<a href="missing/">x</a><a href="#no-such-anchor">y</a>'
                   '<script src="https://cdn.example.org/x.js"></script></body>'), encoding="utf-8")
    reasons = sorted(p.reason for p in check_site(site))
    assert reasons == ["no anchor #no-such-anchor there", "no such file", "points outside the site"]


def test_404_page_and_sitemap(published_site):
    page = (published_site / "404.html").read_text(encoding="utf-8")
    assert "找不到此页" in page and "reports/" in page
    tree = ET.parse(published_site / "sitemap.xml")
    locations = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locations) >= 14 and all(loc.startswith(SITE_URL) for loc in locations)
    for loc in locations:
        assert (published_site / unquote(loc[len(SITE_URL):]) / "index.html").is_file(), loc


def test_pages_workflow_is_valid_and_official(tmp_path):
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses and all(re.fullmatch(r"actions/[a-z-]+@v\d+", u) for u in uses), uses
    runs = [step["run"] for step in steps if "run" in step]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/run" in runs and "pytest" in ci
    assert any("mkdocs build --strict" in run for run in runs)
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML reads the key `on` as True


def test_offline_bundle_is_reproducible_and_complete(offline_zip, tmp_path):
    with root_lock():
        again = bundle.make_bundle(tmp_path, site_url=SITE_URL)
    assert again.name == offline_zip.name
    assert again.read_bytes() == offline_zip.read_bytes()
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
        top = names[0].split("/")[0]
        assert top.startswith(bundle.NAME)
        for needed in ("index.html", "reports/index.html", "data/reports.json", "data/reports.csv",
                       "search/search_index.js", "javascripts/vendor/iframe-worker/shim/index.js"):
            assert f"{top}/{needed}" in names, needed
        html = [archive.read(n).decode("utf-8") for n in names if n.endswith(".html")]
    assert not any("unpkg.com" in page or "fonts.googleapis" in page for page in html)
    assert names == sorted(names)


def test_unzipped_bundle_links_resolve(offline_site):
    site = offline_site
    assert [str(p) for p in check_site(site)] == []
    assert (site / "reports" / "000-97fd27dffeb8dc41-01.html").is_file()  # file URLs, no directory URLs
