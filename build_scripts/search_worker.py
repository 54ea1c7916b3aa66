"""``python -m build_scripts.search_worker``: the theme's search worker, with its query segmenter fixed.

mkdocs-material segments a Chinese query greedily against the index's tokens
(``integrations/search/query/segment``), but its inner loop stops at
``j < query.length``, so a token ending at the query's last character is
never matched (and it stops continuing one character before the end, so a
final one-character word is dropped): with 党员中心户 in the index, the query 党员中心户 still falls
apart into 党员 and 中心 and finds pages that have only those.  This module
writes a copy of the installed theme's worker with the bound fixed into
``overrides/``, where it replaces the theme's file of the same name; the test
suite checks that the committed copy is exactly this patch of the installed
theme, so a theme upgrade cannot silently drop or misapply it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import material

from .pipeline import ROOT

WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
OVERRIDES = ROOT / "overrides" / "assets" / "javascripts" / "workers"
BUGGY = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
BUGGY_TAIL = "n[a]&&a<t.length-1&&(i[s++]=a)"
FIXED_TAIL = "n[a]&&a<t.length&&(i[s++]=a)"


def theme_worker() -> Path:
    [worker] = sorted(WORKERS.glob("search.*.min.js"))
    return worker


def patched(source: str) -> str:
    """The worker with the segmenter's two bounds fixed; an error if the theme changed."""
    for buggy, fixed in ((BUGGY, FIXED), (BUGGY_TAIL, FIXED_TAIL)):
        if source.count(buggy) != 1:
            raise SystemExit(f"{theme_worker()}: {buggy!r} was not found once in the query segmenter; "
                             "the theme changed — check the fix in build_scripts/search_worker.py")
        source = source.replace(buggy, fixed)
    return source


def write_override() -> Path:
    worker = theme_worker()
    target = OVERRIDES / worker.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(patched(worker.read_text(encoding="utf-8")), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(write_override())
    sys.exit(0)
