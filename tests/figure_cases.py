"""The figure cases in ``tests/figure-cases/`` read and compared, and the hand-checked sample scored.

A case is a composed sentence or small report with the figures a careful reader finds in it (see the
folder's README).  :func:`mismatches` lists what the rules read differently from the case; the sample
of the five seeds' figures is scored per field by :func:`sample_precision`, and
``python tests/figure_cases.py --write`` writes that table into ``BENCHMARKS.md``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.annotate.figure_context import report_figures  # noqa: E402
from build_scripts.annotate.places import Gazetteer  # noqa: E402
from build_scripts.model import Author, Item, Report, Seed  # noqa: E402

CASES = ROOT / "tests" / "figure-cases"
FIELDS = ("value", "unit", "subject", "region", "year", "kind")
BENCHMARKS = ROOT / "BENCHMARKS.md"
MARK = "<!-- figures:precision -->"


def load(name: str) -> list[dict]:
    """One case file; labels must be unique across the folder."""
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def case_report(case: dict) -> Report:
    """The report a case describes: its paragraphs (``{heading: …}`` for a heading) and its metadata."""
    meta = {"date": "2020", "doc_type": "article", "title": "", "regions": [], **case.get("report", {})}
    items, paragraph = [], 0
    for n, entry in enumerate(case.get("paragraphs") or [case["text"]], start=1):
        if isinstance(entry, dict):
            items.append(Item(f"h{n}", "heading", entry["heading"], (n, n), level=2))
        else:
            paragraph += 1
            items.append(Item(f"p{paragraph}", "paragraph", entry, (n, n)))
    seed = Seed(Path("case.txt"), b"", "", "utf-8", "\n", "0" * 64)
    return Report("case", seed, 1, meta["title"], items, date=meta["date"], doc_type=meta["doc_type"],
                  regions=list(meta["regions"]), authors=[Author(**a) for a in meta.get("authors", [])])


def read_case(case: dict):
    return report_figures(case_report(case), gazetteer())


_GAZETTEER: list[Gazetteer] = []


def gazetteer() -> Gazetteer:
    if not _GAZETTEER:
        _GAZETTEER.append(Gazetteer())
    return _GAZETTEER[0]


def _differs(field: str, expected, got) -> bool:
    """A subject, kind or region may list every reading a careful reader accepts."""
    if field in ("subject", "kind", "region") and isinstance(expected, list):
        return got not in expected
    return expected != got


def mismatches(case: dict) -> list[str]:
    """What the rules read differently from the case: missing or extra figures, wrong fields, numbers."""
    found = read_case(case)
    problems = []
    expected = case.get("figures", [])
    texts = [f.text for f in found.figures]
    if texts != [e["text"] for e in expected]:
        problems.append(f"figures {texts}, expected {[e['text'] for e in expected]}")
    else:
        for want, figure in zip(expected, found.figures):
            for field, value in want.items():
                got = getattr(figure, field)
                if field != "text" and _differs(field, value, got):
                    problems.append(f"{want['text']}: {field} {got!r}, expected {value!r}")
    excluded = [(e.text, e.reason) for e in found.excluded]
    wanted = [(e["text"], e["reason"]) for e in case.get("not_figures", [])]
    if "not_figures" in case and excluded != wanted:
        problems.append(f"not figures {excluded}, expected {wanted}")
    return problems


# --- every digit accounted for ------------------------------------------------------------------------

DIGIT_RUN = r"[0-9]+(?:\.[0-9]+)?"
INDEPENDENT = {  # the test's own reading of each reason, not the code's: the digits, and the text around them
    "year": (r"(?:19|20)\d\d", lambda before, after, text: after[:1] in "年—–-至"),
    "date": (r"\d{1,4}(?:\.\d{1,2})?", lambda before, after, text: after[:1] in "月日-/." or before[-1:] in "-/."),
    "time": (r"\d{1,2}", lambda before, after, text: after[:1] in ":：时点分" or before[-1:] in ":：时点"),
    "page": (r"\d{1,3}", lambda before, after, text: after.startswith("版")),
    "phone": (r"\d+", lambda before, after, text: bool(re.search(r"电话|热线|拨打|手机|传真|联系", text))
              or len(re.match(r"[\d\-]*", after).group()) + len(before) - len(before.rstrip("0123456789-")) >= 6),
    "code": (r"\d+", lambda before, after, text: after[:1] == "号" or before[-1:] in "〔[［【(（/."
             or "邮编" in before[-6:] or "www." in text or "http" in text),
    "period": (r"\d+", lambda before, after, text: after.startswith(("年来", "年以来")) or before.endswith("连续")),
    "cohort": (r"\d\d", lambda before, after, text: after[:1] == "后"),
    "formula": (r"\d+", lambda before, after, text: "+" in before[-1:] + after[:1]
                or before.rfind("“") > before.rfind("”")),
    "ordinal": (r"\d+", lambda before, after, text: before.endswith("第")),
    "anniversary": (r"\d+", lambda before, after, text: after.startswith("周年")),
    "section_number": (r"\d+", lambda before, after, text: before == "" and after[:1] in "、.．)）"),
    "name": (r"\d+", lambda before, after, text: any(ch.isascii() and ch.isalpha() for ch in before[-1:] + after[:1])),
}


def check_accounting(items: dict, found: list) -> tuple[int, list]:
    """Every digit run of every item is in a figure or excluded for a reason the test reads for itself.

    ``items`` maps (report, paragraph) to text; ``found`` holds ReportFigures.  Returns the number of digit
    runs inside figures and the exclusions.
    """
    digit_runs = sum(len(re.findall(DIGIT_RUN, text)) for text in items.values())
    in_figures = sum(len(re.findall(DIGIT_RUN, f.text)) for r in found for f in r.figures)
    excluded = [e for r in found for e in r.excluded]
    assert in_figures + len(excluded) == digit_runs
    for e in excluded:
        text = items[(e.report, e.paragraph)]
        before, after = text[:e.start], text[e.start + len(e.text):]
        digits, context = INDEPENDENT[e.reason]
        assert re.fullmatch(digits, e.text) and context(before, after, text), e
    return in_figures, excluded


# --- the hand-checked sample -------------------------------------------------------------------------

def sample_judgements(figures) -> tuple[dict[str, list], list[str]]:
    """Every field of every sampled figure judged: ``{field: [(ok, where, got, expected)]}``, and unmatched entries."""
    sample = load("corpus-sample.yml")
    index: dict[tuple, list] = {}
    for f in figures:
        index.setdefault((f.report.split("-")[0] + _suffix(f.report), f.paragraph, f.text), []).append(f)
    judged: dict[str, list] = {field: [] for field in FIELDS}
    missing = []
    for entry in sample:
        key = (entry["report"], entry["paragraph"], entry["text"])
        candidates = index.get(key, [])
        if len(candidates) < entry.get("n", 1):
            missing.append(" ".join(map(str, key)))
            continue
        figure = candidates[entry.get("n", 1) - 1]
        where = f"{entry['report']} {entry['paragraph']} {entry['text']}"
        for field in FIELDS:
            got = getattr(figure, field)
            judged[field].append((not _differs(field, entry[field], got), where, got, entry[field]))
    return judged, missing


def _suffix(report_id: str) -> str:
    """``000-97fd…-03`` → ``-03``: the sample names reports by seed number and position."""
    parts = report_id.split("-")
    return f"-{parts[-1]}" if len(parts) > 2 else ""


def sample_precision(figures) -> dict[str, float]:
    judged, _ = sample_judgements(figures)
    return {field: sum(ok for ok, *_ in rows) / len(rows) for field, rows in judged.items()}


def precision_table(figures) -> str:
    """The BENCHMARKS.md section: precision per field over the sample, and every miss."""
    judged, _ = sample_judgements(figures)
    count = len(judged["value"])
    lines = [MARK, "", f"Hand-checked sample: every figure of the five seeds ({count} figures, "
             f"`tests/figure-cases/corpus-sample.yml`), each field judged by reading its paragraph.", "",
             "| field | right | precision |", "|---|---|---|"]
    for field, rows in judged.items():
        right = sum(ok for ok, *_ in rows)
        lines.append(f"| {field} | {right} / {len(rows)} | {right / len(rows):.1%} |")
    lines += ["", "Misses (report paragraph figure: what the rules read → what a reader judged right):", ""]
    for field, rows in judged.items():
        for ok, where, got, expected in rows:
            if not ok:
                lines.append(f"- {field}, {where}: {_shown(got)} → {_shown(expected)}")
    return "\n".join(lines + ["", MARK])


def _shown(value) -> str:
    """A judged value for a reader: — for none, readings joined by “ or ”."""
    if isinstance(value, list):
        return " or ".join(map(_shown, value))
    return "—" if value is None else str(value)


def benchmarks_section() -> str:
    text = BENCHMARKS.read_text(encoding="utf-8")
    found = re.search(rf"{re.escape(MARK)}.*?{re.escape(MARK)}", text, re.S)
    return found.group() if found else ""


def corpus_figures():
    from build_scripts.annotate.figure_context import figures_of
    from build_scripts.pipeline import build_reports

    return [f for r in build_reports(ROOT / "seeds") for f in figures_of(r, gazetteer()).figures]


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    table = precision_table(corpus_figures())
    text = BENCHMARKS.read_text(encoding="utf-8")
    BENCHMARKS.write_text(text.replace(benchmarks_section(), table) if benchmarks_section() else text, encoding="utf-8")
    print(table)
