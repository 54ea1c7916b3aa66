"""What a file says about its report is weighed: the sidecar and the text come first, software's properties need support."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.annotate.extracted import apply_extraction
from build_scripts.annotate.places import Gazetteer
from build_scripts.model import Evidence, Extraction, Seed
from build_scripts.pipeline import reports_from_seed

BODY = "锡林郭勒盟各级党组织认真落实从严治党责任，2019年推动基层党建全面进步、全面过硬，取得明显成效。"
BULLETIN = f"标题\n\n{BODY}\n\n报：盟委领导\n\n盟委组织部办公室     2019年8月30日印发\n"


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


def report(gazetteer, evidence: list[Evidence], text: str = f"标题\n\n{BODY}\n", sidecar: dict | None = None):
    seed = Seed(path=Path("seeds/x.html"), raw=text.encode(), text=text, encoding="utf-8", newline=None,
                sha256="0" * 64, sidecar=sidecar or {}, extraction=Extraction("html", "test", evidence=evidence))
    [made] = reports_from_seed(seed, gazetteer)
    return made


def verdicts(made) -> list[str]:
    return [line.rsplit("): ", 1)[1] for line in made.evidence if line.startswith("from the file")]


def test_a_pages_date_replaces_a_date_only_inferred_from_the_years_mentioned(gazetteer):
    made = report(gazetteer, [Evidence("date", "2019-05-06", '<meta property="article:published_time">', "metadata")])
    assert (made.date, made.date_basis) == ("2019-05-06", 'page metadata: <meta property="article:published_time">')


def test_the_sidecars_date_wins_over_the_file(gazetteer):
    made = report(gazetteer, [Evidence("date", "2019-05-06", "meta", "metadata")],
                  sidecar={"date": "2018", "date_basis": "the editor knows"})
    assert made.date == "2018" and verdicts(made) == ["not used: the sidecar gives the date"]


def test_a_date_the_text_states_is_not_replaced(gazetteer):
    made = report(gazetteer, [Evidence("date", "2019-09-01", "meta", "metadata"),
                              Evidence("date", "2019-08-30", "masthead", "stated")], text=BULLETIN)
    assert made.date == "2019-08-30" and made.date_basis.startswith("stated: issuing line")
    assert verdicts(made) == ["not used: the date is 2019-08-30", "agrees with the date used"]


@pytest.mark.parametrize("created, date, verdict", [
    ("2020-01-08", "2020-01-08?", "used as an uncertain date"),     # written early in the year after the one reported on
    ("2019-12-20", "2019-12-20?", "used as an uncertain date"),
    ("2026-11-26", "2019?", "not used: the text's latest year is 2019, so the file was not made when the report was written"),
    ("2013-12-23", "2019?", "not used: the text's latest year is 2019, so the file was not made when the report was written"),
])
def test_a_files_creation_date_is_used_only_when_the_text_bears_it_out(gazetteer, created, date, verdict):
    made = report(gazetteer, [Evidence("date", created, "Word's core property created", "property")])
    assert made.date == date and verdicts(made) == [verdict]


def test_a_files_creation_date_without_any_year_in_the_text_is_not_used(gazetteer):
    made = report(gazetteer, [Evidence("date", "2020-01-08", "created", "property")], text="标题\n\n党建工作取得明显成效。\n")
    assert made.date is None and verdicts(made) == ["not used: the text mentions no year that bears it out"]


def test_a_pages_author_is_used_when_the_text_names_none(gazetteer):
    made = report(gazetteer, [Evidence("author", "乌日娜", "source line", "stated", "记者"),
                              Evidence("author", "乌日娜", "meta", "metadata", "author"),
                              Evidence("author", "张强", "meta", "metadata", "author")])
    assert [(a.name, a.role) for a in made.authors] == [("乌日娜", "reporter")]
    assert verdicts(made) == ["used as an author", "agrees",
                              "not used: the author is already given by stronger evidence"]


def test_the_authors_the_text_names_are_kept(gazetteer):
    made = report(gazetteer, [Evidence("author", "乌日娜", "meta", "metadata", "author")],
                  text=f"标题\n\n□巴特尔\n\n{BODY}\n")
    assert [a.name for a in made.authors] == ["巴特尔"] and verdicts(made) == ["not used: the text names its authors"]


@pytest.mark.parametrize("name, used", [("李明", False), ("python-docx", False), ("巴特尔", True)])
def test_a_files_author_property_needs_the_text_to_name_the_person(gazetteer, name, used):
    text = f"标题\n\n{BODY}执笔人巴特尔。\n"
    made = report(gazetteer, [Evidence("author", name, "Word's core property author", "property", "author")], text)
    assert (name in [a.name for a in made.authors]) is used


def test_an_issuer_and_a_publication_fill_what_the_text_leaves_open(gazetteer):
    made = report(gazetteer, [Evidence("issuer", "中共某镇委员会", "signature block", "stated"),
                              Evidence("publication", "组织工作简报", "masthead", "stated"),
                              Evidence("publication", "某网", "meta", "metadata")])
    assert (made.issuer, made.publication) == ("中共某镇委员会", "组织工作简报")
    assert ("中共某镇委员会", "issuer") in [(a.name, a.role) for a in made.authors]
    assert verdicts(made) == ["used as the publication", "not used: the publication is 组织工作简报", "used as the issuer"]


def test_a_titles_from_the_file_are_compared_never_used(gazetteer):
    made = report(gazetteer, [Evidence("title", "标题_某网", "<title>", "metadata"),
                              Evidence("title", "工作汇报", "core", "property")])
    assert made.title == "标题" and verdicts(made) == [
        "close to the title found in the text (which is the article's own heading)",
        "differs from the title found in the text, which is kept"]


def test_a_seed_of_several_reports_takes_no_author_from_the_file(gazetteer):
    made = report(gazetteer, [])
    made.seed.extraction.evidence = [Evidence("author", "乌日娜", "meta", "metadata", "author")]
    apply_extraction(made, {}, 2)
    assert not made.authors and verdicts(made) == ["not used: the seed holds several reports"]


def test_a_text_seed_is_left_alone(gazetteer):
    made = report(gazetteer, [])
    made.seed.extraction = None
    before = list(made.evidence)
    assert apply_extraction(made, {}, 1).evidence == before
