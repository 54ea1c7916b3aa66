"""Property tests: any report shaped like the seeds goes through without losing a character.

Hypothesis builds seeds from real sentences of the corpus, re-laid out with
random hard-wrap widths, blank-line gaps (page breaks, picture gaps), headings,
captions and repeated paragraphs.  The pipeline's own conservation check
raises on any lost or injected Han character, so "no exception" is the
property; the report text must also keep every sentence in order.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.annotate.places import Gazetteer
from build_scripts.model import Seed
from build_scripts.pipeline import ROOT, reports_from_seed
from build_scripts.text.rules import clean_text

GAZETTEER = Gazetteer()
SENTENCES = sorted({s for path in sorted((ROOT / "seeds").glob("*.txt"))
                    for s in re.findall(r"[^。\n]{8,60}。", path.read_text(encoding="utf-8").replace("\n", ""))
                    if not re.search(r"[#□/ ]", s)})


def wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


@st.composite
def seeds(draw):
    paragraphs = draw(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map("".join),
                               min_size=1, max_size=6))
    width = draw(st.integers(min_value=12, max_value=30))
    wrapped = draw(st.booleans())
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += wrap(paragraph, width) if wrapped else [paragraph]
        lines += [""] * draw(st.integers(min_value=0 if wrapped else 1, max_value=3))
    if draw(st.booleans()):
        lines = ["", "", "测试标题", ""] + lines
    if draw(st.booleans()):
        lines += [lines[0]] if lines[0] else []
    return "\n".join(lines) + "\n", paragraphs


def make_seed(text: str) -> Seed:
    raw = text.encode("utf-8")
    return Seed(path=Path("seeds/prop.txt"), raw=raw, text=text, encoding="utf-8", newline="LF",
                sha256=hashlib.sha256(raw).hexdigest())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeds())
def test_any_layout_keeps_every_character_and_sentence(case):
    text, paragraphs = case
    reports = reports_from_seed(make_seed(text), GAZETTEER)
    body = "".join(i.text for r in reports for i in r.items)
    # spaces are layout at a line's edge (strip_edge_whitespace): compare without them
    kept = re.sub(r"[ \xa0\u3000]", "", "".join(line for r in reports for line in r.header_lines) + body)
    for paragraph in paragraphs:
        for sentence in re.findall(r"[^。]+。", paragraph):
            sentence = re.sub(r"[ \xa0\u3000]", "", clean_text(sentence, "paragraph")[0])
            assert sentence in kept or any(
                sentence in e.before for r in reports for e in r.edits if e.discarded)
