"""A held-out test of the layout rules: fixtures written blind, scored field by field.

The fixtures in ``tests/fixtures/layouts-heldout/`` were written by someone who had not read the
layout rules nor the fixtures they were tuned on (see that folder's README), in layouts the first
set does not cover: WeChat posts, magazines, bulletins, speeches, text copied out of a PDF, a
government information page, fullwidth digits and corner quotes, a page holding two reports.
Their truths say what a careful editor wants, not what the code gives.  Fixtures that fail today
are strict known failures (:data:`KNOWN_FAILURES`): a fix shows as an XPASS, and the scorecard
fails when a field's result changes either way, so the list is kept true.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
import yaml

from build_scripts.annotate.figure_context import figures_of
from tests.conftest import ROOT
from tests.test_layouts import (FIELDS, GAZETTEER, expected, figures_inside_not_figures, matches_inside_traps,
                                observed, reports_of_fixtures)

HELDOUT = ROOT / "tests" / "fixtures" / "layouts-heldout"
NAMES = sorted(p.name.removesuffix(".truth.yml") for p in HELDOUT.glob("*.truth.yml"))
HELDOUT_FIELDS = FIELDS + ("headings", "first_paragraph", "last_paragraph", "figures", "editors_note", "reports")
FILE_KEYS = ("layout", "encoding", "newline", "hard_wrapped")

#: fixture -> {field: what was wanted and what came out} for the rules of main at 00f4922: the lead's to-do list.
#: Never edit a truth to shrink it; when a rule is fixed, the scorecard names the fields to take off.
KNOWN_FAILURES: dict[str, dict[str, str]] = {}


def truths_of(name: str) -> list[dict]:
    """The truth of each report in a fixture, in order (a page of several reports lists them under ``reports``)."""
    truth = yaml.safe_load((HELDOUT / f"{name}.truth.yml").read_text(encoding="utf-8"))
    return truth["reports"] if "reports" in truth else [truth]


def file_truth(name: str) -> dict:
    truth = yaml.safe_load((HELDOUT / f"{name}.truth.yml").read_text(encoding="utf-8"))
    return {key: truth[key] for key in FILE_KEYS}


@pytest.fixture(scope="module")
def heldout_reports(tmp_path_factory) -> dict:
    return reports_of_fixtures(HELDOUT, NAMES, tmp_path_factory.mktemp("heldout"))


def paragraphs_of(report) -> list[str]:
    return [i.text.strip() for i in report.items if i.kind == "paragraph"]


def figures_missed(report, truth: dict) -> list[str]:
    """Truth figures that no figure of the report starts on or covers, plus figures read inside non-figures."""
    figures = figures_of(report, GAZETTEER).figures
    missed = []
    for want in truth["figures"]:
        places = [(item.id, item.text.find(want)) for item in report.items if want in item.text]
        if not any(f.paragraph == item and f.start <= at < f.end for item, at in places for f in figures):
            missed.append(want)
    return missed + figures_inside_not_figures(report, truth["not_figures"])


def field_results(report, truth: dict) -> dict[str, tuple]:
    """(got, want) for every held-out field of one report; a missing report gets nothing right."""
    if report is None:
        return {field: ("no report", "a report") for field in HELDOUT_FIELDS}
    got, want = observed(report, truth), expected(truth)
    results = {field: (got[field], want[field]) for field in FIELDS}
    paragraphs = paragraphs_of(report)
    first, last = truth["first_paragraph_starts"], truth["last_paragraph_ends"]
    note = truth.get("editors_note")
    results.update({
        "headings": ([i.text for i in report.items if i.kind == "heading"], truth["headings"]),
        "first_paragraph": (paragraphs[0][:len(first)] if paragraphs else None, first),
        "last_paragraph": (paragraphs[-1][-len(last):] if paragraphs else None, last),
        "figures": (figures_missed(report, truth), []),
        "editors_note": ([p[:20] for p in paragraphs if note and note.removeprefix("【编者按】")[:20] in p], []),
        "reports": (None, None),
    })
    return results


def fixture_results(name: str, reports: list) -> list[dict[str, tuple]]:
    """Field -> (got, want) for each report the truth lists (a missing one gets nothing right), and the count."""
    truths = truths_of(name)
    results = [field_results(reports[n] if n < len(reports) else None, truth) for n, truth in enumerate(truths)]
    for result in results:
        result["reports"] = (len(reports), len(truths))
    return results


def wrong_fields(name: str, reports: list) -> dict[str, str]:
    """Each field wrong in any report of the fixture, with what was wanted and what came out."""
    wrong: dict[str, str] = {}
    for n, result in enumerate(fixture_results(name, reports), start=1):
        for field, (got, want) in result.items():
            if got != want:
                wrong.setdefault(field, f"report {n}: want {want!r}, got {got!r}")
    return wrong


# --- the fixtures are what their README says -------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_heldout_truth_quotes_its_text(name):
    """Every string a truth quotes is in the text, as declared (encoding, newlines), and names real regions."""
    meta, raw = file_truth(name), (HELDOUT / f"{name}.txt").read_bytes()
    text = raw.decode(meta["encoding"])
    assert (b"\r\n" in raw) == (meta["newline"] == "crlf")
    if meta["encoding"] == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    joined = text.replace("\r\n", "\n").replace("\n", "") if meta["hard_wrapped"] else text
    regions = set(GAZETTEER.regions)
    for truth in truths_of(name):
        quoted = [truth["title"], truth["kicker"], truth["subtitle"], truth["date_text"], *truth["captions"],
                  *truth["caption_credits"], *truth["furniture"], *truth["headings"], *truth["figures"],
                  *map(str, truth["not_figures"]), *(a["name"] for a in truth["authors"]), *truth["editors"],
                  *truth["photographers"], truth.get("editors_note")]
        for trap in truth["no_match"]:
            quoted += [trap["text"]]
        missing = [q for q in quoted if q and q not in text]
        assert not missing, missing
        assert truth["first_paragraph_starts"] in joined and truth["last_paragraph_ends"] in joined
        assert set(truth["subject_regions"]) <= regions
        lines = text.splitlines()
        assert all(len(truth[key]) == 8 or truth[key] in lines for key in ("first_paragraph_starts", "last_paragraph_ends"))


# --- the score -------------------------------------------------------------------------------------

def known(name: str):
    failures = KNOWN_FAILURES.get(name)
    if not failures:
        return name
    reason = "; ".join(f"{field}: {what}" for field, what in failures.items())
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize("name", [known(n) for n in NAMES])
def test_heldout_fixture_matches_its_truth(name, heldout_reports):
    wrong = wrong_fields(name, heldout_reports[name])
    assert not wrong, f"{name}: " + "; ".join(f"{f}: {w}" for f, w in wrong.items())


@pytest.mark.parametrize("name", [n for n in NAMES if any(t["no_match"] for t in truths_of(n))])
def test_heldout_no_match_inside_another_word(name, heldout_reports):
    wrong = [w for report, truth in zip(heldout_reports[name], truths_of(name))
             for w in matches_inside_traps(report, truth["no_match"])]
    assert not wrong, wrong


def test_heldout_scorecard(heldout_reports, capsys):
    """Per-field accuracy over the held-out reports, printed; the failing fields must be exactly the known ones."""
    score: dict[str, list[bool]] = defaultdict(list)
    failing = {}
    for name in NAMES:
        for result in fixture_results(name, heldout_reports[name]):
            for field, (got, want) in result.items():
                score[field].append(got == want)
        failing[name] = set(wrong_fields(name, heldout_reports[name]))
    with capsys.disabled():
        print(f"\nheld-out scorecard ({len(NAMES)} fixtures written blind, {len(score['title'])} reports):")
        for field, results in score.items():
            print(f"  {field:16} {sum(results):3}/{len(results):<3} {100 * sum(results) / len(results):5.1f} %")
    listed = {name: set(KNOWN_FAILURES.get(name, {})) for name in NAMES}
    assert failing == listed, {"new failures": {n: f - listed[n] for n, f in failing.items() if f - listed[n]},
                               "now right": {n: listed[n] - f for n, f in failing.items() if listed[n] - f}}
