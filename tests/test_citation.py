"""Citations: one CSL-JSON record per report, and every format derived from it.

GB/T 7714-2015 strings are checked against expectations written by hand,
each with the clause of the standard it follows; BibTeX is read back with
bibtexparser, CSL-JSON validated against the CSL-JSON schema
(``tests/data/csl-data.schema.json``) and rendered with citeproc-py, RIS
checked line by line.  Reports are the real corpus plus reports written here
for the cases the corpus lacks (a named newspaper, many authors, no author,
the role codes of the new extraction, LaTeX's special characters).
"""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware

from build_scripts.export.citation import citation_record, published_url
from build_scripts.export.citation_formats import (
    archive_files,
    bibtex,
    bibtex_key,
    gbt7714,
    gbt7714_template,
    ris,
)
from build_scripts.export.offline import file_urls
from build_scripts.model import Author, Item, Report, Seed
from build_scripts.pipeline import ROOT, build_reports

SITE = "https://example.github.io/nmg-archive/"
ACCESSED = "2025-01-10"
SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.schema.json").read_text(encoding="utf-8"))
SPECIALS = "~ ^ \\ { } % & $ #"


@pytest.fixture(scope="module")
def corpus() -> dict[str, Report]:
    return {r.id: r for r in build_reports(ROOT / "seeds")}


def written(report_id="900-test", title="测试标题", authors=(), date="2019-05-08", doc_type="newspaper_feature",
            publication=None, issuer=None, subtitle=None) -> Report:
    """A report written for the test (never a real article's text)."""
    seed = Seed(path=Path("seeds/900_test.txt"), raw=b"", text="", encoding="utf-8", newline="LF", sha256="0" * 64)
    return Report(id=report_id, seed=seed, position=1, title=title, subtitle=subtitle,
                  items=[Item("p1", "paragraph", "第一段。", (1, 1))], authors=list(authors), date=date,
                  date_basis="test", publication=publication, issuer=issuer, doc_type=doc_type,
                  regions=["锡林郭勒盟"])


def gbt(report: Report, paragraph=None, site=SITE) -> str:
    return gbt7714(citation_record(report, site), ACCESSED, paragraph)


# --------------------------------------------------------------------------- GB/T 7714-2015, by hand


def test_gbt_duty_report(corpus):
    # 4.1 (报告: monograph form, type code R, appendix B table B.1; online carrier OL, table B.2);
    # 8.4.1.3 and 8.4.2: an online resource with no known place or publisher omits them;
    # 8.4.3.3: an estimated year stands in square brackets; [引用日期] then the access path (8.6).
    assert gbt(corpus["000-97fd27dffeb8dc41-01"]) == (
        "罗虎在. 夯实基层基础 筑牢战斗堡垒[R/OL]. [2017][2025-01-10]. "
        "https://example.github.io/nmg-archive/reports/000-97fd27dffeb8dc41-01/.")


def test_gbt_bulletin(corpus):
    # 8.1.4: an issuing body is the responsible creator, named as printed; 4.1: the body that issued the
    # bulletin is its publisher; 8.4.3 with GB/T 7408: the stated date as YYYY-MM-DD, certain, so no brackets.
    assert gbt(corpus["001-353f4f72e554a0ae"]) == (
        "自治区党委教育实践活动领导小组办公室. 乌审旗、正镶白旗、武川县集中解决基层党组织建设难题[R/OL]. "
        "自治区党委教育实践活动领导小组办公室, 2014-08-30[2025-01-10]. "
        "https://example.github.io/nmg-archive/reports/001-353f4f72e554a0ae/.")


def test_gbt_newspaper_feature(corpus):
    # 4.4 (contribution to a serial, type N): 作者. 题名[N/OL]. 报纸名, 日期[引用日期]. URL.
    # 8.1.1/8.1.2: two persons, separated by ", "; the newspaper is not named in the source, so it is
    # stated as unknown in brackets, as 8.4.1.3 writes [出版地不详]; 8.4.3.3: the inferred year in brackets.
    assert gbt(corpus["003-d6548c407ea27bf5"]) == (
        "巴依斯古楞, 田冬冬. 双抓共促 点燃乡村振兴新引擎[N/OL]. [报纸名不详], [2021][2025-01-10]. "
        "https://example.github.io/nmg-archive/reports/003-d6548c407ea27bf5/.")


def test_gbt_paragraph_citation(corpus):
    # 8.5: the locator where a printed source has its page (": 页码"), here the paragraph, 第N段;
    # the access path is the paragraph's permalink.
    assert gbt(corpus["003-d6548c407ea27bf5"], paragraph=14) == (
        "巴依斯古楞, 田冬冬. 双抓共促 点燃乡村振兴新引擎[N/OL]. [报纸名不详], [2021]: 第14段[2025-01-10]. "
        "https://example.github.io/nmg-archive/reports/003-d6548c407ea27bf5/#p14.")


def test_gbt_named_newspaper_subtitle_and_full_date():
    # 4.4.2's own example form: 作者. 题名: 其他题名信息[N/OL]. 报纸名, YYYY-MM-DD[引用日期]. URL.
    report = written(title="草原党旗红", subtitle="记基层党建一线", publication="锡林郭勒日报",
                     authors=[Author("甲乙", "reporter"), Author("丙丁", "correspondent")])
    assert gbt(report) == ("甲乙, 丙丁. 草原党旗红: 记基层党建一线[N/OL]. 锡林郭勒日报, 2019-05-08[2025-01-10]. "
                           "https://example.github.io/nmg-archive/reports/900-test/.")


def test_gbt_more_than_three_authors_and_no_author():
    # 8.1.2: more than three creators: the first three, then ", 等".
    many = written(authors=[Author(n, "author") for n in ("甲", "乙", "丙", "丁")])
    assert gbt(many).startswith("甲, 乙, 丙, 等. 测试标题[N/OL]. ")
    # 8.1.3: no creator: in the numeric system the entry starts with the title.
    assert gbt(written()).startswith("测试标题[N/OL]. [报纸名不详], 2019-05-08[")


def test_gbt_uncertain_month_and_unknown_type_and_no_site_url():
    # 8.4.3.3 (estimated date in brackets) applies to a month as to a year; an article of no known kind is
    # cited as the archive's electronic edition, EB/OL (4.8); without SITE_URL there is no access path.
    report = written(date="2019-05?", doc_type="article")
    assert gbt(report, site=None) == "测试标题[EB/OL]. [2019-05][2025-01-10]."


def test_gbt_access_date_is_a_placeholder_until_copied(corpus):
    text = gbt7714(citation_record(corpus["000-97fd27dffeb8dc41-01"], SITE))
    assert "[引用日期]" in text
    template = json.loads(gbt7714_template(citation_record(corpus["000-97fd27dffeb8dc41-01"], SITE), paragraph=True))
    assert {"slot": "accessed"} in template and template.count({"slot": "paragraph"}) == 2


# --------------------------------------------------------------------------- authors, roles, URLs


def test_roles_writers_bodies_and_credits():
    report = written(authors=[Author("甲", "reporter"), Author("乙", "correspondent"), Author("丙", "photographer"),
                              Author("丁", "editor"), Author("某组织部", "provider")])
    record = citation_record(report, SITE)
    assert record["author"] == [{"literal": "甲"}, {"literal": "乙"}]
    assert record["contributor"] == [{"literal": "丙"}, {"literal": "丁"}, {"literal": "某组织部"}]
    only_body = citation_record(written(authors=[Author("某组织部", "provider")]), SITE)
    assert only_body["author"] == [{"literal": "某组织部"}]


def test_published_url_never_comes_from_the_reading_address():
    record = citation_record(written(), "https://a.org/archive")
    assert record["URL"] == "https://a.org/archive/reports/900-test/" == published_url("https://a.org/archive/", "900-test")
    assert "URL" not in citation_record(written(), None)


def test_bad_date_names_the_form():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        citation_record(written(date="2019年"), SITE)


# --------------------------------------------------------------------------- CSL-JSON


def all_records(corpus) -> list[dict]:
    odd = written("900-odd", title=f"标题 {SPECIALS}", authors=[Author(f"名{SPECIALS}", "author")], date="2017?")
    return [citation_record(r, SITE) for r in corpus.values()] + [
        citation_record(odd, None), citation_record(written("901-bulletin", doc_type="bulletin", issuer="某办公室"), SITE)]


def test_csl_json_is_valid_against_the_schema(corpus):
    jsonschema.validate(all_records(corpus), SCHEMA)


def test_the_schema_rejects_what_csl_json_forbids():
    for bad in ({"type": "report"}, {"id": "x", "type": "newspaper"}, {"id": "x", "type": "report", "year": 2017},
                {"id": "x", "type": "report", "author": [{"name": "甲"}]},
                {"id": "x", "type": "report", "issued": {"date-parts": [[2017, 1, 2, 3]]}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([bad], SCHEMA)


def test_uncertain_date_is_circa(corpus):
    assert citation_record(corpus["003-d6548c407ea27bf5"], SITE)["issued"] == {"date-parts": [[2021]], "circa": True}
    assert citation_record(corpus["001-353f4f72e554a0ae"], SITE)["issued"] == {"date-parts": [[2014, 8, 30]]}


def test_citeproc_renders_every_record(corpus):
    import citeproc
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    records = all_records(corpus)
    style = CitationStylesStyle(str(Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"),
                                validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(records), formatter.plain)
    for record in records:
        bibliography.register(Citation([CitationItem(record["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(records)
    for record in records:
        short = record.get("title-short", record["title"])
        assert any(short in text for text in rendered), short


# --------------------------------------------------------------------------- BibTeX


def latex_decoder():
    """pylatexenc's LaTeX-to-text, with ``\\textasciicircum`` read as the ASCII ``^`` LaTeX prints.

    pylatexenc maps it to U+02C6 (modifier letter circumflex), which would make
    every correctly escaped ``^`` look lost; the other escapes decode as they are.
    """
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db().filter_context()
    context.add_context_category("ascii-circumflex", prepend=True,
                                 macros=[MacroTextSpec("textasciicircum", simplify_repl="^")])
    return LatexNodes2Text(latex_context=context)


def parse_bibtex(text: str):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(decoder=latex_decoder())])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


def unbraced(text: str) -> str:
    return text[1:-1] if text.startswith("{") and text.endswith("}") else text


def test_bibtex_parses_for_every_report_with_stable_unique_keys(corpus):
    records = [citation_record(r, SITE) for r in corpus.values()]
    library = parse_bibtex(archive_files(records)["reports.bib"])
    assert [e.key for e in library.entries] == [r.id for r in corpus.values()]
    for entry, report in zip(library.entries, corpus.values()):
        assert unbraced(entry["title"]).startswith(report.title)
        assert entry["url"] == published_url(SITE, report.id)
    assert {e.entry_type for e in library.entries} == {"techreport", "misc"}


@pytest.mark.parametrize("text", [SPECIALS, "a~b^c", "C:\\seeds\\x", "{unbalanced", "50% & $5 #1", "under_score"])
def test_bibtex_round_trips_latex_specials_in_titles_and_names(text):
    record = citation_record(written(title=f"题{text}", authors=[Author(f"某{text}", "author"),
                                                                   Author("A and B", "author")]), SITE)
    [entry] = parse_bibtex(bibtex(record)).entries
    assert unbraced(entry["title"]) == f"题{text}"
    names = [unbraced(name.strip()) for name in entry["author"].split(" and ") if name.strip() != "B}"]
    assert names[0] == f"某{text}"
    assert "{A and B}" in bibtex(record)  # a name containing 'and' stays one name


def test_bibtex_never_writes_accents_or_line_breaks():
    entry = bibtex(citation_record(written(title="~^\\"), SITE))
    assert "\\~" not in entry and "\\^" not in entry and "\\\\" not in entry
    assert "\\textasciitilde{}\\textasciicircum{}\\textbackslash{}" in entry


def test_bibtex_entry_types_and_key():
    assert bibtex(citation_record(written(publication="锡林郭勒日报"), SITE)).startswith("@article{900-test,")
    assert "journal = {锡林郭勒日报}" in bibtex(citation_record(written(publication="锡林郭勒日报"), SITE))
    bulletin = bibtex(citation_record(written(doc_type="bulletin", issuer="某办公室"), SITE))
    assert bulletin.startswith("@techreport{") and "institution = {某办公室}" in bulletin
    assert bibtex_key({"id": "x y"}) == "x-y"


# --------------------------------------------------------------------------- RIS


def ris_lines(text: str) -> list[tuple[str, str]]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    for line in lines:
        assert line[2:6] == "  - " and line[:2].isalnum() and line[:2].isupper(), line
    return [(line[:2], line[6:]) for line in lines]


def test_ris_records(corpus):
    for report in corpus.values():
        lines = ris_lines(ris(citation_record(report, SITE)))
        assert lines[0][0] == "TY" and lines[-1] == ("ER", "")
        tags = dict(lines)
        assert tags["TI"].startswith(report.title) and tags["UR"] == published_url(SITE, report.id)
        assert tags["DB"] == "内蒙古基层党建报告注释档案"
    duty = dict(ris_lines(ris(citation_record(corpus["000-97fd27dffeb8dc41-01"], SITE))))
    assert duty["TY"] == "RPRT" and duty["AU"] == "罗虎在" and duty["PY"] == "2017" and duty["DA"] == "2017///circa"
    feature = ris_lines(ris(citation_record(written(publication="锡林郭勒日报", title=f"题\n{SPECIALS}"), SITE)))
    assert ("TY", "NEWS") in feature and ("T2", "锡林郭勒日报") in feature and ("TI", f"题 {SPECIALS}") in feature


def test_archive_files(corpus):
    records = [citation_record(r, SITE) for r in corpus.values()]
    files = archive_files(records)
    assert json.loads(files["reports.csl.json"]) == records
    assert files["reports.ris"].count("TY  - ") == len(records) == files["reports.bib"].count("\n@")


# --------------------------------------------------------------------------- offline URLs in the exports


def test_offline_exports_name_page_files():
    files = {"a.json": json.dumps([{"url": "reports/x/", "occurrences": [{"url": "reports/x/#p3"}], "URL": "https://a/"}],
                                  ensure_ascii=False, indent=1) + "\n",
             "a.csv": "id,url\nx,reports/x/#p1\ny,\n", "b.csv": "id,text\nx,reports/x/\n", "c.bib": "@misc{x}"}
    out = file_urls(files)
    assert json.loads(out["a.json"]) == [{"url": "reports/x.html", "occurrences": [{"url": "reports/x.html#p3"}],
                                          "URL": "https://a/"}]
    assert out["a.csv"] == "id,url\nx,reports/x.html#p1\ny,\n"
    assert out["b.csv"] == files["b.csv"] and out["c.bib"] == files["c.bib"]
