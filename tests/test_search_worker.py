"""The search fixes: the patched query segmenter, the jieba dictionary, the compact index."""

from __future__ import annotations

import json
import re

from build_scripts import search_worker
from build_scripts.pipeline import ROOT, jieba_dict_path


def test_committed_worker_is_exactly_the_patched_theme_worker():
    theme = search_worker.theme_worker()
    committed = search_worker.OVERRIDES / theme.name
    assert committed.read_text(encoding="utf-8") == search_worker.patched(theme.read_text(encoding="utf-8"))
    assert search_worker.FIXED in committed.read_text(encoding="utf-8")


def test_built_site_serves_the_patched_worker(built_site):
    [worker] = (built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    assert search_worker.FIXED in worker.read_text(encoding="utf-8")


def test_index_keeps_archive_words_whole_and_is_not_escaped(built_site):
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not re.search(r"\\u[4-9][0-9a-fA-F]{3}", raw)  # Chinese is stored as UTF-8, not \\u escapes
    text = " ".join(doc["text"] for doc in json.loads(raw)["docs"])
    for word in ("东乌珠穆沁旗", "巴依斯古楞", "锡林郭勒盟", "罗虎在"):
        assert f"\u200b{word}\u200b" in text, word
    words = jieba_dict_path(ROOT).read_text(encoding="utf-8").split("\n")
    assert "东乌旗 100000 nz" in words
