"""The search-quality suite's queries: hand-judged, read from ``search_judgments.yml``.

Each query says what a researcher types, its kind, and the report pages that answer it as
judged by reading the reports (see the file's header for the policy) — not computed by any
matching rule, so the suite can tell the worker it is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

JUDGMENTS = Path(__file__).with_name("search_judgments.yml")
KINDS = ("phrase", "punctuation", "traditional", "pinyin", "alias", "english", "person", "number", "two-word")
SEED_000 = "000-97fd27dffeb8dc41"
SEEDS = {"001": "001-353f4f72e554a0ae", "002": "002-2778e66e9170e371", "003": "003-d6548c407ea27bf5",
         "004": "004-1e4098aa4da3de56"}


@dataclass(frozen=True)
class Query:
    """What is typed, what kind it is, and which report pages (URLs like ``reports/<id>/``) answer it."""

    text: str
    kind: str
    expected: tuple[str, ...]           # the reports judged relevant (two-word: naming both phrases)
    partial: tuple[str, ...] = ()       # two-word only: reports naming one phrase but not the other
    where: str = ""

    @property
    def single(self) -> bool:
        return self.kind != "two-word"


def report_url(key: str) -> str:
    """``000-03`` → ``reports/000-97fd27dffeb8dc41-03/``; ``002`` → ``reports/002-2778e66e9170e371/``.

    >>> report_url("000-03"), report_url("002")
    ('reports/000-97fd27dffeb8dc41-03/', 'reports/002-2778e66e9170e371/')
    """
    seed, _, part = key.partition("-")
    return f"reports/{SEED_000}-{part}/" if seed == "000" else f"reports/{SEEDS[seed]}/"


def queries(path: Path = JUDGMENTS) -> list[Query]:
    """The hand-judged queries in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["query"]), q["kind"], tuple(map(report_url, q["relevant"])),
                  tuple(map(report_url, q.get("partial", []))), q.get("where", ""))
            for q in data["queries"]]
