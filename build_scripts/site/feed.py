"""The Atom feed of reports (``feed.xml``), newest additions first, linked from every page.

A report is "added" when its seed enters the repository (the commit that
added the file, from git); a seed no commit has added yet counts as added at
the build's own time (``SOURCE_DATE_EPOCH``).  Seeds are numbered in the order
they arrive, so ties fall back to the seed number, newest first.  Entries
link to the published pages (``SITE_URL``); without one, to the pages
relative to the feed.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from xml.sax import saxutils

from build_scripts.export.citation import ARCHIVE_NAME, ARCHIVE_NAME_EN
from build_scripts.site.urls import REPORTS_DIR

FEED_FILE = "feed.xml"
SUMMARY_LENGTH = 140
XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text as XML character data: markup escaped, and characters XML cannot hold at all left out."""
    return saxutils.escape(XML_INVALID_RE.sub("", text))


def quoteattr(text: str) -> str:
    return saxutils.quoteattr(XML_INVALID_RE.sub("", text))


def seed_additions(root: Path) -> dict[str, int]:
    """When each seed file was first committed (Unix time), by file name; empty outside a git checkout."""
    try:
        out = subprocess.run(["git", "log", "--diff-filter=A", "--format=%x00%ct", "--name-only", "--", "seeds"],
                             cwd=root, capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    added: dict[str, int] = {}
    for block in out.split("\0")[1:]:  # newest commit first: the last one seen is the first addition
        stamp, *names = block.strip().split("\n")
        for name in filter(None, names):
            added[Path(name).name] = int(stamp)
    return added


def iso(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def summary(record: dict) -> str:
    """Date, regions and the opening of the text: enough to tell a report from the feed alone."""
    first = next((p["text"] for p in record["paragraphs"] if p["kind"] == "paragraph"), "")
    opening = first[:SUMMARY_LENGTH] + ("…" if len(first) > SUMMARY_LENGTH else "")
    facts = " · ".join(filter(None, (record.get("date") or "", "、".join(record.get("regions", [])))))
    return f"{facts} — {opening}" if facts else opening


def page_link(report_id: str, citation: dict, directory_urls: bool) -> str:
    if citation.get("URL"):
        return citation["URL"]
    return f"{REPORTS_DIR}/{report_id}/" if directory_urls else f"{REPORTS_DIR}/{report_id}.html"


def entry_xml(record: dict, citation: dict, added: int, directory_urls: bool) -> list[str]:
    link = page_link(record["id"], citation, directory_urls)
    identifier = citation.get("URL") or f"urn:nmg-dangjian-archive:report:{record['id']}"
    lines = ["  <entry>", f"    <id>{escape(identifier)}</id>", f"    <title>{escape(citation['title'])}</title>",
             f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
             f"    <published>{iso(added)}</published>", f"    <updated>{iso(added)}</updated>"]
    lines += [f"    <author><name>{escape(name['literal'])}</name></author>" for name in citation.get("author", [])]
    lines += [f"    <category term={quoteattr(record['doc_type'])}/>",
              f"    <summary>{escape(summary(record))}</summary>", "  </entry>"]
    return lines


def atom_feed(records: list[dict], citations: dict[str, dict], site_url: str | None, added: dict[str, int],
              build_time: int, directory_urls: bool = True) -> str:
    """The feed: one entry per report (``records`` from ``reports.json``, ``citations`` by report id)."""
    def when(record: dict) -> int:
        return added.get(record["source"]["file"].rsplit("/", 1)[-1], build_time)

    ordered = sorted(records, key=lambda r: (when(r), r["source"]["file"], r["source"]["position"]), reverse=True)
    base = site_url.rstrip("/") + "/" if site_url else None
    updated = max((when(r) for r in records), default=build_time)
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
             f"  <id>{escape(base or 'urn:nmg-dangjian-archive:reports')}</id>",
             f"  <title>{escape(ARCHIVE_NAME)} — 新增报告 New reports</title>",
             f"  <subtitle>{escape(ARCHIVE_NAME_EN)}</subtitle>",
             f"  <updated>{iso(updated)}</updated>",
             f"  <author><name>{escape(ARCHIVE_NAME)}</name></author>"]
    if base:
        lines += [f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED_FILE)}/>',
                  f'  <link rel="alternate" type="text/html" href={quoteattr(base)}/>']
    for record in ordered:
        lines += entry_xml(record, citations[record["id"]], when(record), directory_urls)
    return "\n".join(lines + ["</feed>", ""])
