"""Write the split search index of the invented pages in ``fixture.json`` into a folder, for the worker's tests.

``python tests/js/build_fixture.py OUT_DIR`` — the node tests (``search_worker.test.js``) run it, so
the worker is tested against what the real index builder writes, not a copy of it.  The pages
are written for the tests (no report's text); the lexicon holds the fixture's glossary terms,
the real gazetteer and the fixture's byline names.  ``fixture.json`` lists a few pages by
hand; ``filler`` adds that many short reports naming one shared phrase, for the results
that come without snippets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_scripts.annotate.places import Gazetteer  # noqa: E402
from build_scripts.site.search_index import write_index  # noqa: E402
from build_scripts.site.search_lexicon import build_lexicon  # noqa: E402

HERE = Path(__file__).resolve().parent


def main(out: Path) -> None:
    fixture = json.loads((HERE / "fixture.json").read_text(encoding="utf-8"))
    docs = fixture["docs"] + [
        {"location": f"reports/filler-{n:02d}/", "title": f"第{n}份报告", "text": "",
         "meta": "通辽市 · 2020", "boost": 5, "items": [f"第{n}个嘎查村发展牧区合作社。"]}
        for n in range(1, fixture["filler"] + 1)]
    lexicon = build_lexicon(fixture["terms"], Gazetteer(), fixture["people"])
    (out / "search").mkdir(parents=True, exist_ok=True)
    write_index(out, {"lang": ["zh"]}, docs, lexicon.files())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
