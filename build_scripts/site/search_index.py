"""The search index the archive's worker reads: one entry per page, each report paragraph addressable.

The archive's search worker (``overrides/assets/javascripts/workers/``)
matches the phrases a reader types exactly, in the text itself, so the index
needs no word boundaries: it holds each page's text once, as plain UTF-8.
``docs`` is a list of pages::

    {"location": "reports/x/", "title": "…", "text": "kicker · subtitle · byline names",
     "meta": "锡林郭勒盟 · 2019", "boost": 5, "items": ["p1's text", "p2's text", ["a-heading", "…"]]}

Report pages carry ``items``, their headings, paragraphs and captions in
page order: a plain string is the next paragraph ``p1``, ``p2``, … (so its
location ``reports/x/#p3`` costs no bytes), a pair is an item with another id
(headings).  ``meta`` (region and date) is shown with each result, not
searched: a report attributed to a league need not name it.  Other pages
(glossary entries, regions, topics, the home page) are found by their title
and the text of their first section, their name and description; their lists
of reports and counts repeat what the reports hold.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import unquote

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
