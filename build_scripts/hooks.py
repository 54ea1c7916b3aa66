"""MkDocs hooks: regenerate report pages from ``seeds/`` at the start of every build.

Listed under ``hooks:`` in ``mkdocs.yml``, so ``mkdocs build`` and
``mkdocs serve`` (with ``seeds/`` under ``watch:``) always show the current
seeds.  Pipeline errors stop the build with the pipeline's own message.
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

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # MkDocs loads hooks by path; the package lives one level up

from build_scripts.errors import ArchiveError  # noqa: E402
from build_scripts.pipeline import OWNED, jieba_dict_path, run  # noqa: E402
from build_scripts.render import RAW_END, RAW_START  # noqa: E402

SUMMARY_MARK = "<!-- archive:summary -->"
RAW_BLOCK_RE = re.compile(re.escape(RAW_START) + "(.*?)" + re.escape(RAW_END), re.S)
RAW_PLACEHOLDER = "<!-- archive:raw {} -->"
RAW_PLACEHOLDER_RE = re.compile(r"<!-- archive:raw (\d+) -->")

log = logging.getLogger("mkdocs.hooks.archive")
_home: list[str] = [""]
_raw_blocks: dict[str, list[str]] = {}


def _last_commit_time(root: Path) -> str | None:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                             text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


@event_priority(100)  # before the search plugin's on_config, which loads the jieba user dictionary
def on_config(config):
    """Run the pipeline, pin build timestamps, and point search at the generated jieba dictionary.

    Build timestamps come from the last commit so two builds are
    byte-identical.  The offline plugin switches directory URLs off in its
    own ``on_config``, which runs after this one, so its setting is read here.
    """
    root = Path(config.config_file_path).parent
    if "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = _last_commit_time(root) or "0"
    offline = config.plugins.get("material/offline")
    directory_urls = config.use_directory_urls and not (offline and offline.config.enabled)
    try:
        summary = run(root=root, docs_dir=Path(config.docs_dir), site_url=config.site_url,
                      directory_urls=directory_urls)
    except ArchiveError as error:
        raise Abort(f"Archive pipeline: {error}") from error
    _home[0] = summary.home
    log.info("archive pipeline: %s", summary)
    search = config.plugins.get("material/search")
    if search is not None:
        search.config.jieba_dict_user = str(jieba_dict_path(root))
    return config


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


def on_post_build(config):
    """Rewrite the search index compactly (Chinese as UTF-8, not \\u escapes) and without tags.

    The theme escapes every non-ASCII character, which makes the index of a
    Chinese archive about twice its size.  Runs before the offline plugin
    inlines the index (its handler has priority -100).
    """
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        for doc in data["docs"]:
            doc.pop("tags", None)  # tags are for the tag index; in search they outrank the text a millionfold
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_page_markdown(markdown, page, config, files):
    """Fill ``<!-- archive:summary -->`` on hand-written pages; set generated raw HTML aside until after Markdown.

    See :func:`build_scripts.render.raw`: each marked block becomes a
    placeholder comment, which Markdown passes through unread.
    """
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
    """Put the raw HTML set aside by :func:`on_page_markdown` back in place of its placeholders."""
    blocks = _raw_blocks.pop(page.file.src_uri, None)
    if blocks:
        html = RAW_PLACEHOLDER_RE.sub(lambda match: blocks[int(match.group(1))], html)
    return html
