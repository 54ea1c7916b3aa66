"""The archive's search index: every page's text, split into parts the worker fetches as a query needs them.

The search worker (``overrides/assets/javascripts/workers/``) matches the
phrases a reader types in folded text (:mod:`search_text`), so the index
needs no word boundaries.  Loading all of it before the first result cost
6 MB at 1,000 reports; instead the build writes, under
``search/archive/<digest>/`` (a new folder whenever anything changes, so a
browser never mixes two builds):

- ``g/<n>`` and ``c/<n>``: gram and character postings (:mod:`search_postings`);
- ``d/<n>``: the document table in chunks of ``DOC_CHUNK`` — location, title,
  meta line (region and date of a report: shown, not searched) and boost;
- ``t/<doc>``: one document's searched text — its header (kicker, subtitle and
  byline names of a report; the first section of another page) and its
  items, for snippets;
- ``lexicon`` and ``k/<letter>`` (:mod:`search_lexicon`) and ``t2s``, the traditional-to-simplified
  table generated from OpenCC's data.

``search_index.json`` keeps the theme's ``config`` and adds to it, under
``archive``, where these are, how many shards each has and which first letters
have keys (the theme hands the worker only ``config`` and ``docs``); its
``docs`` list is empty.
Files are JSON, or in the offline bundle JavaScript that hands the same JSON
to ``archiveSearchData(path, data)``, as a page opened from disk may load
scripts but not fetch files.

Document fields, in the postings' numbering: 0 the title, 1 the header, then
each item.  Report items are headings, paragraphs and captions in page
order: a plain string is the next paragraph ``p1``, ``p2``, … (so its
location ``reports/x/#p3`` costs no bytes), a pair is an item with another id
(headings).  Other pages (glossary entries, regions, topics, the home page)
are found by their title and the text of their first section; their lists of
reports and counts repeat what the reports hold.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from build_scripts.site.search_postings import index_fields, shards
from build_scripts.site.search_text import fold, opencc_table

DOC_CHUNK = 256
FOLDER = "search/archive"
ZERO_WIDTH_SPACE = "\u200b"  # jieba's word boundaries in the search plugin's output
TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


def report_items(paragraphs: Iterable[dict]) -> list:
    """Headings, paragraphs and captions as searched and linked; editorial notes stay out (apparatus).

    >>> report_items([{"id": "h-1", "kind": "heading", "text": "一、"}, {"id": "p1", "kind": "paragraph", "text": "甲"},
    ...               {"id": "p2", "kind": "caption", "text": "乙"}, {"id": "note-1", "kind": "note", "text": "丙"}])
    [['h-1', '一、'], '甲', '乙']
    """
    items, number = [], 1
    for item in paragraphs:
        if item["kind"] == "note":
            continue
        if item["id"] == f"p{number}":
            items.append(item["text"])
            number += 1
        else:
            items.append([item["id"], item["text"]])
    return items


def report_entry(record: dict, location: str, boost: float | None) -> dict:
    """A report page from its ``reports.json`` record: title, byline, region and date, every paragraph.

    The byline is searched by the names in it (as printed above the text); the
    offices beside them are metadata, like the regions.
    """
    names = "、".join(a["name"] for a in record["authors"] if a["role"] != "provider")
    entry = {
        "location": location,
        "title": record["title"],
        "text": " · ".join(part for part in (record["kicker"], record["subtitle"], names) if part),
        "meta": " · ".join(part for part in (record["regions"][0] if record["regions"] else "", record["date"])
                           if part),
        "items": report_items(record["paragraphs"]),
    }
    return {**entry, "boost": boost} if boost is not None else entry


def plain(markup: str) -> str:
    """The search plugin's indexed HTML as plain text, without jieba's boundaries.

    >>> plain("<p>党员\u200b中心户</p> <ul><li>A &amp; B</li></ul>")
    '党员中心户 A & B'
    """
    return SPACES.sub(" ", html.unescape(TAG.sub(" ", markup.replace(ZERO_WIDTH_SPACE, "")))).strip()


def page_entries(plugin_docs: list[dict], first_sections: dict[str, str]) -> list[dict]:
    """Pages other than reports from the search plugin's sections: title and first section, decoded locations.

    ``first_sections`` maps each page URL to the anchor of its first heading (its
    ``h1``); a page's untitled preface and that section are kept, later sections
    are dropped.

    >>> page_entries([{"location": "glossary/%E5%85%9A/", "title": "党 Party", "text": ""},
    ...               {"location": "glossary/%E5%85%9A/#title", "title": "党", "text": "<p>定义\u200b</p>"},
    ...               {"location": "glossary/%E5%85%9A/#counts", "title": "次数", "text": "3"}],
    ...              {"glossary/%E5%85%9A/": "title"})
    [{'location': 'glossary/党/', 'title': '党 Party', 'text': '定义'}]
    """
    pages: dict[str, dict] = {}
    for doc in plugin_docs:
        url, _, anchor = doc["location"].partition("#")
        if anchor and anchor != first_sections.get(url):
            continue
        page = pages.get(url)
        if page is None:
            page = pages[url] = {"location": unquote(url), "title": plain(doc["title"]), "text": plain(doc["text"])}
            if "boost" in doc:
                page["boost"] = doc["boost"]
        else:
            page["text"] = " ".join(part for part in (page["text"], plain(doc["text"])) if part)
    return list(pages.values())


def item_texts(items: list) -> list[str]:
    """The texts of a report's items, plain strings and (id, text) pairs alike."""
    return [item if isinstance(item, str) else item[1] for item in items]


def doc_row(doc: dict) -> list:
    """A document's row in the document table: location, title, meta line and, when set, boost."""
    row = [doc["location"], doc["title"], doc.get("meta", "")]
    return row + [doc["boost"]] if "boost" in doc else row


def index_files(docs: list[dict], lexicon: dict[str, object],
                table: dict[str, str] | None = None) -> dict[str, object]:
    """Every file of the split index by its path under the index folder (without the extension)."""
    fields = [[fold(doc["title"]), fold(doc.get("text", "")), *map(fold, item_texts(doc.get("items", [])))]
              for doc in docs]
    grams, chars = index_fields(fields)
    files: dict[str, object] = {**lexicon, "t2s": "".join(a + b for a, b in (table or opencc_table()).items())}
    for kind, postings in (("g", grams), ("c", chars)):
        for number, shard in enumerate(shards(postings)):
            files[f"{kind}/{number}"] = shard
    for start in range(0, len(docs), DOC_CHUNK):
        files[f"d/{start // DOC_CHUNK}"] = [doc_row(doc) for doc in docs[start:start + DOC_CHUNK]]
    for number, doc in enumerate(docs):
        files[f"t/{number}"] = {"h": doc.get("text", ""), "i": doc.get("items", [])}
    return files


def serialised(path: str, data: object, script: bool) -> str:
    """One file's text: compact JSON, or for the offline bundle a script handing it to the worker."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"archiveSearchData({json.dumps(path)},{text})" if script else text


def write_index(site_dir: Path, config: dict, docs: list[dict], lexicon: dict[str, object],
                script: bool = False) -> dict:
    """Write the split index and ``search_index.json`` pointing at it; returns that manifest.

    ``script`` writes the files as JavaScript (the offline bundle, opened from
    disk).  The folder's name is a digest of every file, so two builds of the
    same pages write the same bytes and a changed build never reuses a name.
    """
    files = index_files(docs, lexicon)
    counts = {kind: sum(1 for path in files if path.startswith(kind + "/")) for kind in ("g", "c")}
    extension = ".js" if script else ".json"
    texts = {path: serialised(path, data, script) for path, data in sorted(files.items())}
    digest = hashlib.sha256()
    for path, text in texts.items():
        digest.update(f"{path}\0{text}\0".encode())
    version = digest.hexdigest()[:12]
    root = site_dir / FOLDER
    if root.exists():
        shutil.rmtree(root)
    for path, text in texts.items():
        target = root / version / (path + extension)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    manifest = {"path": f"{FOLDER}/{version}/", "format": "js" if script else "json", "docs": len(docs),
                "chunk": DOC_CHUNK, "grams": counts["g"], "chars": counts["c"],
                "keys": "".join(sorted(path[2:] for path in files if path.startswith("k/")))}
    index = site_dir / "search" / "search_index.json"
    index.write_text(json.dumps({"config": {**config, "archive": manifest}, "docs": []}, ensure_ascii=False,
                                separators=(",", ":")), encoding="utf-8")
    return manifest
