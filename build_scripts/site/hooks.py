"""MkDocs hooks: regenerate report pages from ``seeds/`` at the start of every build.

Listed under ``hooks:`` in ``mkdocs.yml``, so ``mkdocs build`` and
``mkdocs serve`` (with ``seeds/`` under ``watch:``) always show the current
seeds.  Pipeline errors stop the build with the pipeline's own message.
At the end of the build they write the archive's search index
(``search_index``), which the archive's search worker in ``overrides/`` reads.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # MkDocs loads hooks by path; the package lives two levels up

from build_scripts.errors import ArchiveError  # noqa: E402
from build_scripts.pipeline import run  # noqa: E402
from build_scripts.run_state import OWNED  # noqa: E402
from build_scripts.site.feed import FEED_FILE, atom_feed, seed_additions  # noqa: E402
from build_scripts.site.markup import RAW_END, RAW_START  # noqa: E402
from build_scripts.site.search_index import page_entries, report_entry, write_index  # noqa: E402
from build_scripts.site.search_lexicon import site_lexicon  # noqa: E402
from build_scripts.site.urls import DATA_DIR  # noqa: E402

SUMMARY_MARK = "<!-- archive:summary -->"
RAW_BLOCK_RE = re.compile(re.escape(RAW_START) + "(.*?)" + re.escape(RAW_END), re.S)
RAW_PLACEHOLDER = "<!-- archive:raw {} -->"
RAW_PLACEHOLDER_RE = re.compile(r"<!-- archive:raw (\d+) -->")
RAW_ID_RE = re.compile(r'<[a-z][^>]*?\sid="([^"]+)"')

log = logging.getLogger("mkdocs.hooks.archive")
_home: list[str] = [""]
THEME_WORKERS = Path("assets") / "javascripts" / "workers"
# Where pages are, for the search index; kept across rebuilds, as `mkdocs serve --dirty` renders only
# the changed pages (an entry for a page since removed is never looked up: its record is gone too).
_report_pages: dict[str, tuple[str, float | None]] = {}  # report id → (page URL, search boost)
_page_sections: dict[str, tuple[list[dict], str | None]] = {}  # other pages: URL → (first sections, h1's anchor)
_raw_blocks: dict[str, list[str]] = {}
_build = {"site_url": None, "offline": False, "root": ROOT}
UNPUBLISHED_WARNING = ("SITE_URL is not set: this offline build is meant for publishing, but its citations, feed "
                       "and metadata cannot name the archive's published address. Set SITE_URL to that address "
                       "(e.g. SITE_URL=https://<user>.github.io/<repo>/) and build again.")


def _last_commit_time(root: Path) -> str | None:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                             text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


@event_priority(100)  # first: every other handler reads the pages the pipeline writes
def on_config(config):
    """Run the pipeline and pin build timestamps.

    Build timestamps come from the last commit so two builds are
    byte-identical.  The offline plugin switches directory URLs off in its
    own ``on_config``, which runs after this one, so its setting is read here.
    An offline build (the bundle) is meant for publishing: without
    ``SITE_URL`` it cannot name the published address, and warns.
    """
    root = Path(config.config_file_path).parent
    if "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = _last_commit_time(root) or "0"
    check_search_worker(config)
    offline = config.plugins.get("material/offline")
    directory_urls = config.use_directory_urls and not (offline and offline.config.enabled)
    _build.update(site_url=config.site_url or None, offline=not directory_urls, root=root)
    if not directory_urls:
        # Read from disk, the bundle's links must all be relative: MkDocs would make the 404 page's
        # root-absolute from the site's address. Citations, canonical links and the sitemap still
        # name the published address, from _build (see on_page_markdown).
        config.site_url = None
        if not _build["site_url"]:
            log.warning(UNPUBLISHED_WARNING)
    try:
        summary = run(root=root, docs_dir=Path(config.docs_dir), site_url=_build["site_url"],
                      directory_urls=directory_urls)
    except ArchiveError as error:
        raise Abort(f"Archive pipeline: {error}") from error
    _home[0] = summary.home
    log.info("archive pipeline: %s", summary)
    return config


def check_search_worker(config) -> None:
    """Stop the build when the theme no longer ships the worker file the archive's search replaces.

    The theme loads its search worker by a hashed file name; the archive's
    worker (``overrides/``) takes its place by having the same name.  A theme
    upgrade that renames the file would silently bring the theme's own
    search back, which cannot read the archive's index.
    """
    if getattr(config, "theme", None) is None:
        return  # a configuration without a theme has no worker to replace
    ours = sorted(p.name for p in (Path(config.theme.custom_dir) / THEME_WORKERS).glob("search.*.js")) \
        if config.theme.custom_dir else []
    theirs = sorted(p.name for folder in config.theme.dirs if folder != config.theme.custom_dir
                    for p in (Path(folder) / THEME_WORKERS).glob("search.*.min.js"))
    if ours != theirs:
        raise Abort(f"Archive search: the theme's search worker is {theirs or 'missing'} but the archive's "
                    f"replacement in {config.theme.custom_dir}/{THEME_WORKERS.as_posix()} is {ours or 'missing'}; "
                    "rename the archive's worker to the theme's file name and check that the theme's message "
                    "protocol (SETUP, READY, QUERY, RESULT) is unchanged")


def on_serve(server, config, builder):
    """Watch only the hand-written part of ``docs/``: the pipeline's own writes must not start another build.

    MkDocs watches all of ``docs/``; the files the pipeline rewrites during a
    build would queue a second full build, and ``mkdocs serve`` holds every
    request until that one is done too (twice the wait for each edit).
    ``seeds/`` and ``build_scripts/`` stay watched through ``watch:``.
    """
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for entry in sorted(docs.iterdir()):
        if entry.is_dir() and entry.name not in OWNED:
            server.watch(str(entry))
    return server


@event_priority(50)  # before the search plugin's on_page_context, which indexes the page
def on_page_context(context, page, config, nav):
    """Note what the search index needs of each page, and tell the theme's search plugin to skip every page.

    Report pages are indexed per paragraph from ``reports.json``; other
    pages by their title and first section (``search_index.page_entries``),
    read here from the start of the page's HTML only.  The plugin would
    parse and jieba-cut every page whole (a quarter of a large build's
    time) for sections the archive's index drops; it is told to skip them
    (the documented ``search: exclude`` switch) and writes only its
    ``config``.
    """
    search = page.meta.get("search") or {}
    if page.meta.get("generated_by") == "build_scripts" and page.meta.get("id"):
        _report_pages[page.meta["id"]] = (page.url, search.get("boost"))
    elif not search.get("exclude"):
        _page_sections[page.url] = first_section_docs(page, search)
    page.meta["search"] = {**search, "exclude": True}
    return context


HEADING_WITH_ID = re.compile(r"<h[1-6]\b[^>]*\sid=")


def first_section_docs(page, search: dict) -> tuple[list[dict], str | None]:
    """The theme's search sections of a page's preface and ``h1`` section, and the ``h1``'s anchor.

    The page's HTML is cut before the next heading that would start a section
    and given to the theme's own section parser, so the sections kept are the
    ones the plugin would have made of the whole page.
    """
    from material.plugins.search.plugin import Parser

    h1 = page.toc.items[0].id if page.toc and page.toc.items and page.toc.items[0].level == 1 else None
    cuts = [match.start() for _, match in zip(range(2), HEADING_WITH_ID.finditer(page.content))]
    keep = 2 if h1 is not None else 1
    parser = Parser()
    parser.feed(page.content[:cuts[keep - 1]] if len(cuts) >= keep else page.content)
    parser.close()
    docs = []
    for section in parser.data:
        if section.is_excluded():
            continue
        doc = {"location": page.url + (f"#{section.id}" if section.id else ""),
               "title": "".join(section.title).strip() or str(page.meta.get("title", page.title)),
               "text": "".join(section.text).strip()}
        docs.append({**doc, "boost": search["boost"]} if "boost" in search else doc)
    return docs, h1


def published_address(site_url: str, page_url: str) -> str:
    """A page's address on the published site (directory URLs), for a build whose pages are files.

    >>> published_address("https://a.org/x/", "reports/r.html"), published_address("https://a.org/x", "index.html")
    ('https://a.org/x/reports/r/', 'https://a.org/x/')
    """
    path = page_url.removesuffix("index.html").removesuffix(".html")
    return site_url.rstrip("/") + "/" + (path + "/" if path and not path.endswith("/") else path)


def write_feed(config, records: list[dict]) -> None:
    """``feed.xml``: the reports, newest additions first (:mod:`build_scripts.site.feed`)."""
    citations = json.loads((Path(config.docs_dir) / DATA_DIR / "reports.csl.json").read_text(encoding="utf-8"))
    feed = atom_feed(records, {c["id"]: c for c in citations}, _build["site_url"], seed_additions(_build["root"]),
                     int(os.environ.get("SOURCE_DATE_EPOCH", "0")), directory_urls=not _build["offline"])
    (Path(config.site_dir) / FEED_FILE).write_text(feed, encoding="utf-8")


def on_post_build(config):
    """Write the Atom feed and the archive's split search index (see ``search_index``) in place of the plugin's.

    Keeps the plugin's ``config`` (the theme's page-side highlighter reads the
    separator).  Runs before the offline plugin inlines ``search_index.json``
    (its handler has priority -100).
    """
    records = json.loads((Path(config.docs_dir) / DATA_DIR / "reports.json").read_text(encoding="utf-8"))
    write_feed(config, records)
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.exists():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    exports = Path(config.docs_dir) / DATA_DIR
    reports = [report_entry(record, *_report_pages[record["id"]]) for record in records
               if record["id"] in _report_pages]
    lexicon = site_lexicon(exports / "glossary.json", records)
    sections = [doc for docs, _ in _page_sections.values() for doc in docs]
    first = {url: h1 for url, (_, h1) in _page_sections.items() if h1 is not None}
    write_index(Path(config.site_dir), data["config"], reports + page_entries(sections, first),
                lexicon.files(), script=_build["offline"])


def on_page_markdown(markdown, page, config, files):
    """Fill ``<!-- archive:summary -->`` on hand-written pages; set generated raw HTML aside until after Markdown.

    In the offline bundle (file URLs) with a ``SITE_URL``, a page's canonical
    address is its published one (``reports/x/``), for the canonical link
    and the sitemap alike.

    See :func:`build_scripts.site.report_page.raw`: each marked block becomes a
    placeholder comment, which Markdown passes through unread.
    """
    if _build["offline"] and _build["site_url"]:  # here, before the sitemap is made from the pages
        page.canonical_url = published_address(_build["site_url"], page.url)
    if SUMMARY_MARK in markdown:
        markdown = markdown.replace(SUMMARY_MARK, _home[0])
    if RAW_START in markdown:
        blocks: list[str] = []

        def set_aside(match: re.Match) -> str:
            blocks.append(match.group(1))
            return RAW_PLACEHOLDER.format(len(blocks) - 1)

        markdown = RAW_BLOCK_RE.sub(set_aside, markdown)
        _raw_blocks[page.file.src_uri] = blocks
    return markdown


@event_priority(100)  # before any other plugin reads the page's HTML
def on_page_content(html, page, config, files):
    """Put the raw HTML set aside by :func:`on_page_markdown` back in place of its placeholders.

    The ids in it join the page's anchors, so MkDocs' strict check of links
    to them (``reports/x.md#p3`` from other pages) sees them as it would
    have seen Markdown's.
    """
    blocks = _raw_blocks.pop(page.file.src_uri, None)
    if blocks:
        html = RAW_PLACEHOLDER_RE.sub(lambda match: blocks[int(match.group(1))], html)
        if getattr(page, "present_anchor_ids", None) is not None:
            page.present_anchor_ids |= {found for block in blocks for found in RAW_ID_RE.findall(block)}
    return html
