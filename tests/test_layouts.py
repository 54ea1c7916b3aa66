"""Reports in the layouts they arrive in: the scorecard over composed fixtures and the seeds.

Each fixture in ``tests/fixtures/layouts/`` (composed for the tests; see its
README) has a truth file saying what a correct pipeline gets from it: title,
kicker, subtitle, authors with roles, editors, photographers, date,
publication, subject regions, captions, furniture and paragraph count.  The
seeds' truth is ``tests/fixtures/seeds.truth.yml``, written from reading
the seeds.  Every field must be right on every report: the scorecard prints
the accuracy per field and fails below 100 %.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict

import pytest
import yaml

from build_scripts.annotate.figure_context import figures_of
from build_scripts.annotate.glossary import find_terms, load_glossary
from build_scripts.annotate.places import Gazetteer
from build_scripts.annotate.topics import load_topics, topic_matches
from build_scripts.pipeline import reports_from_seed
from build_scripts.text.ingest import read_seed
from tests.conftest import ROOT

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
FIXTURES = sorted(p.name.removesuffix(".truth.yml") for p in LAYOUTS.glob("*.truth.yml"))
SEEDS_TRUTH = yaml.safe_load((ROOT / "tests" / "fixtures" / "seeds.truth.yml").read_text(encoding="utf-8"))
CORPUS_FILES = {path.name for path in (ROOT / "seeds").iterdir()}
GAZETTEER = Gazetteer()
FIELDS = ("title", "kicker", "subtitle", "authors", "editors", "photographers", "date", "publication",
          "subject_regions", "captions", "paragraphs", "reporting_year", "furniture")


def truth_of(name: str) -> dict:
    return yaml.safe_load((LAYOUTS / f"{name}.truth.yml").read_text(encoding="utf-8"))


def reports_of_fixtures(source, names, folder) -> dict:
    """Each fixture's reports, read from a copy in ``folder`` under its own name (the fixture itself is never written)."""
    out = {}
    for name in names:
        shutil.copy(source / f"{name}.txt", folder / f"{name}.txt")
        out[name] = reports_from_seed(read_seed(folder / f"{name}.txt"), GAZETTEER)
    return out


@pytest.fixture(scope="module")
def fixture_reports(tmp_path_factory) -> dict:
    return reports_of_fixtures(LAYOUTS, FIXTURES, tmp_path_factory.mktemp("layouts"))


def observed(report, truth: dict) -> dict:
    """What the pipeline made of a report, in the truth file's terms."""
    body = "\n".join(i.text for i in report.items)
    return {
        "title": report.title, "kicker": report.kicker, "subtitle": report.subtitle,
        "authors": sorted((a.name, a.role) for a in report.authors),
        "editors": sorted(a.name for a in report.contributors if a.role == "editor"),
        "photographers": sorted(a.name for a in report.contributors if a.role == "photographer"),
        "date": report.date, "publication": report.publication, "subject_regions": sorted(report.regions),
        "captions": [i.text for i in report.items if i.kind == "caption"],
        "paragraphs": sum(i.kind == "paragraph" for i in report.items),
        "reporting_year": report.reporting_year,
        "furniture": [f for f in truth.get("furniture") or [] if f in body and f != truth.get("title")],
    }


def expected(truth: dict) -> dict:
    return {
        "title": truth["title"], "kicker": truth["kicker"], "subtitle": truth["subtitle"],
        "authors": sorted((a["name"], a["role"]) for a in truth["authors"]),
        "editors": sorted(truth["editors"]), "photographers": sorted(truth["photographers"]),
        "date": str(truth["date"]) if truth["date"] else None, "publication": truth["publication"],
        "subject_regions": sorted(truth["subject_regions"]), "captions": truth["captions"],
        "paragraphs": truth["paragraphs"], "reporting_year": truth["reporting_year"],
        "furniture": [],  # no furniture line may be left in the text
    }


def test_there_are_enough_fixtures_of_every_layout():
    layouts = defaultdict(list)
    for name in FIXTURES:
        layouts[truth_of(name)["layout"]].append(name)
    assert len(FIXTURES) >= 30
    assert set(layouts) == {"epaper", "web", "wire", "lead", "caption", "workreport"}
    assert all(len(names) >= 3 for names in layouts.values()), layouts
    encodings = {truth_of(n)["encoding"] for n in FIXTURES}
    assert encodings == {"utf-8", "gb18030"}
    assert any(truth_of(n)["hard_wrapped"] for n in FIXTURES)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_report_matches_its_truth(name, fixture_reports):
    truth = truth_of(name)
    (report,) = fixture_reports[name]
    got, want = observed(report, truth), expected(truth)
    wrong = {field: (got[field], want[field]) for field in FIELDS if got[field] != want[field]}
    assert not wrong, f"{name}: " + "; ".join(f"{f}: got {g!r}, want {w!r}" for f, (g, w) in wrong.items())


def test_scorecard(fixture_reports, capsys):
    """Per-field accuracy over the fixtures and the seeds, printed; anything below 100 % fails."""
    score: dict[str, list[bool]] = defaultdict(list)
    for name in FIXTURES:
        truth = truth_of(name)
        (report,) = fixture_reports[name]
        got, want = observed(report, truth), expected(truth)
        for field in FIELDS:
            score[field].append(got[field] == want[field])
    for report_id, truth in seed_reports_with_truth():
        for field, (got, want) in truth.items():
            score[field].append(got == want)
    with capsys.disabled():
        print("\nscorecard (fixtures and seeds):")
        for field, results in score.items():
            print(f"  {field:16} {sum(results):3}/{len(results):<3} {100 * sum(results) / len(results):5.1f} %")
    assert all(all(results) for results in score.values()), {f: r.count(False) for f, r in score.items()}


def seed_reports_with_truth():
    """(report id, {field: (got, want)}) for each seed report in the seeds' truth file."""
    seeds = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for report in reports_from_seed(read_seed(path), GAZETTEER):
            seeds[report.id] = report
    assert set(seeds) == set(SEEDS_TRUTH)
    for report_id, truth in SEEDS_TRUTH.items():
        report = seeds[report_id]
        yield report_id, {
            "title": (report.title, truth["title"]),
            "authors": (sorted((a.name, a.role) for a in report.authors),
                        sorted((a["name"], a["role"]) for a in truth["authors"])),
            "date": (report.date, truth["date"]),
            "publication": (report.publication, truth["publication"]),
            "subject_regions": (sorted(report.regions), sorted(truth["subject_regions"])),
            "captions": (sum(i.kind == "caption" for i in report.items), truth["captions"]),
        }


def test_seed_reports_match_their_truth():
    wrong = [(report_id, field, got, want) for report_id, truth in seed_reports_with_truth()
             for field, (got, want) in truth.items() if got != want]
    assert not wrong, wrong


# --- numbers and words in the fixtures ---------------------------------------------------------------

@pytest.mark.parametrize("name", FIXTURES)
def test_no_date_time_page_label_or_phone_number_is_a_figure(name, fixture_reports):
    """Numbers the truth lists as not figures (dates, times, 03版, phone and ICP numbers) never become figures."""
    (report,) = fixture_reports[name]
    assert not figures_inside_not_figures(report, truth_of(name)["not_figures"])


def figures_inside_not_figures(report, not_figures) -> list[str]:
    """Each figure read inside a number the truth says is not a quantity (a date, a time, 03版, a phone number)."""
    wrong = []
    for figure in figures_of(report, GAZETTEER).figures:
        item = next(i for i in report.items if i.id == figure.paragraph)
        for text in (str(x) for x in not_figures or []):
            wrong += [f"{figure.text!r} read as a figure inside {text!r}" for m in re.finditer(re.escape(text), item.text)
                      if m.start() <= figure.start < m.end()]
    return wrong


@pytest.mark.parametrize("name", [n for n in FIXTURES if truth_of(n).get("no_match")])
def test_no_term_topic_or_place_matches_inside_another_word(name, fixture_reports):
    (report,) = fixture_reports[name]
    assert not matches_inside_traps(report, truth_of(name)["no_match"])


def matches_inside_traps(report, traps) -> list[str]:
    """Each term, place or topic word matched inside a longer word the truth names (蒙古包 in 内蒙古包头市)."""
    glossary, topics, wrong = load_glossary(), load_topics(), []
    for trap in traps or []:
        for item in report.items:
            for m in re.finditer(re.escape(trap["text"]), item.text):
                spans = [(s, e) for s, e, _ in find_terms(item.text, glossary)]
                spans += [(p, p + len(form)) for p, form, _ in GAZETTEER.mentions(item.text)]
                spans += [span for _, _, span in topic_matches(item.text, topics)]
                if any(item.text[s:e] == trap["not"] and s < m.end() and e > m.start() for s, e in spans):
                    wrong.append(f"{trap['not']} matched inside {trap['text']} in {item.id}")
    return wrong


# --- the whole archive with every fixture added ------------------------------------------------------

def test_archive_builds_strictly_with_every_fixture(extras):
    """Conservation holds and ``mkdocs build --strict`` passes with all fixtures in ``seeds/`` beside the seeds
    (the shared build of the extra seeds, conftest's ``extras``)."""
    files = [r["source"]["file"].removeprefix("seeds/") for r in extras.records.values()]
    assert sum(name in CORPUS_FILES for name in files) == len(SEEDS_TRUTH)
    for n, name in enumerate(FIXTURES, start=100):
        assert files.count(f"{n}_{name}.txt") == 1, name
    assert "WARNING" not in extras.log


@pytest.mark.parametrize("name", FIXTURES)
def test_no_lost_quotation_note_without_evidence(name, fixture_reports):
    """The fixtures print their quotation marks: a note on any of them (after 讯, in a byline, before a date) is false."""
    (report,) = fixture_reports[name]
    assert report.notes == []
