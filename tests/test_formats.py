"""Reading web pages, Word documents and PDFs: the text the rules read, what is left out, the evidence, bad files.

The files are composed for the tests (``format_fixtures``): the Word
document is written by python-docx, the PDFs printed by headless Chromium.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import format_fixtures as fx
import pytest

from build_scripts.errors import SeedError
from build_scripts.text.formats import extract
from build_scripts.text.formats.common import equivalent_ideographs
from build_scripts.text.ingest import read_seed, seed_paths
from build_scripts.text.rules import HAN_RE


def kinds(record) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for dropped in record.dropped:
        found.setdefault(dropped.kind, []).append(dropped.text)
    return found


def evidence(record, field: str) -> list[tuple[str, str, str]]:
    return [(e.value, e.basis, e.strength) for e in record.evidence if e.field == field]


def read(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return read_seed(path)


# --- web pages ----------------------------------------------------------------------------------

def test_a_web_page_gives_the_article_under_its_own_heading(tmp_path):
    seed = read(tmp_path, "page.html", fx.web_page())
    assert seed.format == "html" and seed.encoding == "utf-8" and seed.raw == fx.web_page()
    lines = seed.text.split("\n")
    assert lines[0] == f"# {fx.WEB_TITLE}"       # the <h1>, not <title> with 苏尼特右旗 and the site's name
    assert [line for line in lines if line.startswith("## ")] == [f"## {h}" for h in fx.WEB_HEADINGS]
    assert all(paragraph in lines for paragraph in fx.WEB_PARAGRAPHS)
    caption = lines.index(fx.WEB_CAPTION)
    assert lines[caption - 2:caption] == ["", ""]       # the picture's gap, where the caption rule reads a caption


def test_a_web_pages_furniture_is_left_out_and_listed(tmp_path):
    seed = read(tmp_path, "page.html", fx.web_page())
    for word in fx.WEB_FURNITURE:
        assert word not in seed.text, word
    found = kinds(seed.extraction)
    assert set(found) >= {"navigation", "breadcrumb", "source line", "share bar", "editor tag", "related links",
                          "footer"}
    assert found["editor tag"] == ["[责任编辑：王丽]"] and "统计代码" not in str(found)   # scripts are never text
    assert "trafilatura 2.3.1" in seed.extraction.tools and "htmldate" in seed.extraction.tools


def test_a_web_pages_metadata_is_evidence_with_its_basis(tmp_path):
    record = read(tmp_path, "page.html", fx.web_page()).extraction
    [(date, basis, strength)] = evidence(record, "date")
    assert (date, strength) == ("2021-06-18", "metadata") and 'property="article:published_time"' in basis
    assert ("乌日娜", "<meta name=\"author\" content=\"乌日娜\">", "metadata") in evidence(record, "author")
    assert evidence(record, "publication")[0][0] == "北疆党建网" and "source line" in evidence(record, "publication")[0][1]
    assert evidence(record, "editor")[0][0] == "王丽"
    assert ("苏尼特右旗" + fx.WEB_TITLE, "<title> without the site's name", "metadata") in evidence(record, "title")


def test_a_gbk_page_is_read_in_its_declared_charset(tmp_path):
    seed = read(tmp_path, "gbk.html", fx.web_page("gbk"))
    assert seed.encoding == "gb18030" and seed.text == read(tmp_path, "u.html", fx.web_page()).text


def test_a_page_whose_charset_declaration_is_wrong_is_read_as_its_bytes_are(tmp_path):
    seed = read(tmp_path, "wrong.html", fx.web_page().replace(b'charset="utf-8"', b'charset="gb2312"'))
    assert seed.encoding == "utf-8" and fx.WEB_PARAGRAPHS[0] in seed.text


def test_a_line_break_between_han_characters_in_the_html_vanishes_as_in_a_browser(tmp_path):
    seed = read(tmp_path, "page.html", fx.web_page())
    assert fx.WEB_PARAGRAPHS[1] in seed.text.split("\n")     # written over two source lines in the fixture


def test_a_page_without_a_heading_takes_its_metadata_title_and_says_so(tmp_path):
    page = fx.web_page().replace(f"<h1>{fx.WEB_TITLE}</h1>".encode(), b"")
    seed = read(tmp_path, "page.html", page)
    assert seed.text.startswith(f"# 苏尼特右旗{fx.WEB_TITLE}\n")
    assert any("no heading above the article" in note for note in seed.extraction.notes)


def test_a_kicker_above_the_heading_stays_a_kicker(tmp_path):
    page = fx.web_page().replace(f"<h1>{fx.WEB_TITLE}</h1>".encode(),
                                 f"<h3>基层治理创新巡礼</h3><h1>{fx.WEB_TITLE}</h1>".encode())
    seed = read(tmp_path, "page.html", page)
    assert seed.text.startswith(f"# 基层治理创新巡礼\n\n## {fx.WEB_TITLE}\n")
    assert "### " + fx.WEB_HEADINGS[0] in seed.text


@pytest.mark.parametrize("name, data, words", [
    ("index.html", fx.index_page(), ["index.html", "has no article", "article's own page"]),
    ("empty.html", b"<html><body><div class='nav'>home</div></body></html>", ["empty.html", "has no article"]),
    ("junk.htm", bytes(range(256)) * 8, ["junk.htm", "cannot be decoded"]),
], ids=["index.html", "empty.html", "junk.htm"])
def test_a_page_with_no_article_stops_with_a_clear_error(tmp_path, name, data, words):
    with pytest.raises(SeedError) as caught:
        read(tmp_path, name, data)
    assert all(word in str(caught.value) for word in words) and "Fix:" in str(caught.value)


# --- Word documents -----------------------------------------------------------------------------

def test_a_word_document_gives_paragraphs_and_headings_with_their_levels(tmp_path):
    seed = read(tmp_path, "report.docx", fx.work_report_docx())
    assert seed.format == "docx" and seed.encoding is None and seed.newline is None
    lines = seed.text.split("\n")
    assert lines[0] == f"# {fx.WORD_TITLE}" and fx.WORD_OPENING in lines
    headings = [line for line in lines if line.startswith("#")][1:]
    expected = []
    for heading, subsections in fx.WORD_SECTIONS:
        expected.append(f"## {heading}")
        expected += [f"### {sub}" for sub, _ in subsections if sub]
    assert headings == expected
    assert "" in lines and all(line == "" or line.startswith("#") or line in _word_paragraphs() for line in lines)


def _word_paragraphs() -> set[str]:
    return {fx.WORD_OPENING} | {p for _, subs in fx.WORD_SECTIONS for _, ps in subs for p in ps}


def test_a_word_documents_signature_block_and_page_furniture_leave_the_text(tmp_path):
    seed = read(tmp_path, "report.docx", fx.work_report_docx())
    assert fx.WORD_ISSUER not in seed.text and fx.WORD_DATE not in seed.text and "第 1 页" not in seed.text
    found = kinds(seed.extraction)
    assert found["signature block"] == [fx.WORD_ISSUER, fx.WORD_DATE]
    assert found["page header"] == ["上都镇党委办公室"] and found["page footer"] == ["第 1 页"]
    assert [v for v, _, s in evidence(seed.extraction, "date")] == ["2020-12-15", "2020-12-14"]
    assert [s for _, _, s in evidence(seed.extraction, "date")] == ["stated", "property"]
    assert evidence(seed.extraction, "issuer")[0][:1] == (fx.WORD_ISSUER,)
    assert evidence(seed.extraction, "author") == [
        ("李明", "Word's core property author (the account that created the file)", "property")]


def test_a_word_document_without_styles_reads_its_centred_title_bold_headings_and_date_line(tmp_path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("乌兰浩特市基层党建述职报告").bold = True
    document.add_paragraph("（2019年1月10日）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("一年来，市委认真履行管党治党政治责任，基层党建工作取得新进展。")
    document.add_paragraph().add_run("一、履职情况").bold = True
    document.add_paragraph("坚持书记抓、抓书记，层层压实责任。")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("指标", "数量"), ("新建党组织", "十二个")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    seed = read(tmp_path, "plain.docx", buffer.getvalue())
    lines = [line for line in seed.text.split("\n") if line]
    assert lines == ["# 乌兰浩特市基层党建述职报告", "一年来，市委认真履行管党治党政治责任，基层党建工作取得新进展。",
                     "## 一、履职情况", "坚持书记抓、抓书记，层层压实责任。", "指标\u3000数量", "新建党组织\u3000十二个"]
    assert kinds(seed.extraction)["date line"] == ["（2019年1月10日）"]
    assert evidence(seed.extraction, "date")[0][0] == "2019-01-10"
    assert any("table rows: 2" in note for note in seed.extraction.notes)


def test_text_in_tracked_insertions_and_content_controls_is_read(tmp_path):
    """python-docx's own paragraph text skips both; Word shows both."""
    import docx
    from docx.oxml import parse_xml

    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("标题", style="Title")
    paragraph = document.add_paragraph("嘎查党支部")
    paragraph._p.append(parse_xml(f'<w:ins {namespace} w:id="1" w:author="审稿人"><w:r><w:t>认真落实</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {namespace} w:id="2" w:author="审稿人"><w:r><w:delText>删去</w:delText>'
                                  "</w:r></w:del>"))
    paragraph.add_run("三会一课制度。")
    control = parse_xml(f'<w:sdt {namespace}><w:sdtContent><w:p><w:r><w:t>内容控件里的段落也是正文。</w:t></w:r></w:p>'
                        "</w:sdtContent></w:sdt>")
    document.element.body.insert(len(document.element.body) - 1, control)
    buffer = io.BytesIO()
    document.save(buffer)
    lines = [line for line in read(tmp_path, "edited.docx", buffer.getvalue()).text.split("\n") if line]
    assert lines == ["# 标题", "嘎查党支部认真落实三会一课制度。", "内容控件里的段落也是正文。"]


def test_the_renamed_doc_fixture_is_a_compound_file_with_a_word_stream():
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(fx.compound_file("WordDocument", "旧格式".encode("utf-16-le"))))
    assert ole.listdir() == [["WordDocument"]]


@pytest.mark.parametrize("name, data, words", [
    ("renamed.docx", fx.compound_file("WordDocument", "旧格式文档".encode("utf-16-le")),
     ["renamed.docx", "Word 97–2003 .doc", "save it as a Word document (.docx)"]),
    ("locked.docx", fx.encrypted_docx(), ["locked.docx", "password-protected", "unprotected copy"]),
    ("broken.docx", fx.work_report_docx()[:2000], ["broken.docx", "cannot be read as a Word document"]),
    ("rtf.docx", b"{\\rtf1\\ansi \\u20826? }", ["rtf.docx", "RTF file renamed"]),
    ("sheet.docx", fx.work_report_docx().replace(b"word/document.xml", b"word/documenx.xml"),
     ["sheet.docx", "cannot be read as a Word document"]),
], ids=lambda value: value if isinstance(value, str) else "")
def test_a_bad_word_file_stops_with_a_clear_error(tmp_path, name, data, words):
    with pytest.raises(SeedError) as caught:
        read(tmp_path, name, data)
    assert all(word in str(caught.value) for word in words), str(caught.value)


# --- PDFs ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bulletin(browser) -> bytes:
    return fx.print_pdf(browser, fx.bulletin_html())


def test_a_pdf_gives_its_lines_as_printed_with_their_pages(tmp_path, bulletin):
    seed = read(tmp_path, "bulletin.pdf", bulletin)
    lines = seed.text.split("\n")
    assert lines[0] == f"# {fx.BULLETIN_TITLE}"    # printed over two lines in 22 pt: one heading
    assert [line for line in lines if line.startswith("## ")] == [f"## {h}" for h, _ in fx.BULLETIN_SECTIONS]
    body = [line for line in lines if line and not line.startswith("#")]
    assert max(len(line) for line in body[:-3]) <= 28       # hard wraps kept: the rules join them
    assert "".join(body).startswith("".join(fx.BULLETIN_OPENING))
    pages = seed.extraction.pages
    assert len(pages) == 2 and pages[0][0] == 1 and pages[1][1] == len(lines) - 1
    assert lines[pages[1][0] - 1] and not lines[pages[1][0] - 2]   # a page starts a block


def test_a_pdfs_running_header_page_numbers_and_masthead_leave_the_text(tmp_path, bulletin):
    seed = read(tmp_path, "bulletin.pdf", bulletin)
    found = kinds(seed.extraction)
    assert found["page number"] == ["— 1 —", "— 2 —"]
    assert len(found["running header"]) == 2 and all(h.startswith(fx.BULLETIN_NAME) for h in found["running header"])
    assert found["masthead"][:2] == [fx.BULLETIN_NAME, "第12期"]
    assert fx.BULLETIN_NAME not in seed.text and "第12期" not in seed.text and "—" not in seed.text
    assert evidence(seed.extraction, "publication")[0][:1] == (fx.BULLETIN_NAME,)
    assert evidence(seed.extraction, "issue")[0][0] == "第12期"
    assert evidence(seed.extraction, "issuer")[0][0] == "中共锡林郭勒盟委组织部"
    assert evidence(seed.extraction, "date")[0][:1] == ("2020-06-15",)


def test_a_pdf_keeps_the_wide_gap_of_an_issuing_line_and_maps_radicals(tmp_path, bulletin):
    seed = read(tmp_path, "bulletin.pdf", bulletin)
    assert re.search(f"^{fx.BULLETIN_ISSUER}\u3000{{2,}}2020年6月15日印发$", seed.text, re.M)
    radicals = set(equivalent_ideographs())
    assert not radicals & set(seed.text)
    assert any("radicals standing for the ideographs" in note for note in seed.extraction.notes)


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path, bulletin):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(bulletin)))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert fx.BULLETIN_TITLE in read(tmp_path, "restricted.pdf", out.getvalue()).text


def test_a_scanned_pdf_needs_ocr_first(tmp_path, browser):
    with pytest.raises(SeedError) as caught:
        read(tmp_path, "scan.pdf", fx.scanned_pdf(browser))
    assert "scan.pdf" in str(caught.value) and "needs OCR first" in str(caught.value) and "ocrmypdf" in str(caught.value)


def test_a_pdf_with_a_scanned_page_names_the_page(tmp_path, browser, bulletin):
    import pypdf

    writer = pypdf.PdfWriter()
    for part in (bulletin, fx.scanned_pdf(browser)):
        writer.append(pypdf.PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(SeedError) as caught:
        read(tmp_path, "mixed.pdf", out.getvalue())
    assert caught.value.where == "pages 3" and "OCR" in caught.value.fix


@pytest.mark.parametrize("name, change, words", [
    ("locked.pdf", fx.locked_pdf, ["locked.pdf", "password-protected", "unprotected copy"]),
    ("cut.pdf", lambda pdf: pdf[:len(pdf) // 3], ["cut.pdf", "is not a readable PDF"]),
    ("text.pdf", lambda pdf: "锡林郭勒盟".encode(), ["text.pdf", "is not a readable PDF"]),
])
def test_a_bad_pdf_stops_with_a_clear_error(tmp_path, bulletin, name, change, words):
    with pytest.raises(SeedError) as caught:
        read(tmp_path, name, change(bulletin))
    assert all(word in str(caught.value) for word in words), str(caught.value)


# --- the seeds folder ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, fix", [
    ("report.doc", "save it as a Word document (.docx)"),
    ("scan.jpg", "run OCR first"),
    ("report.yaml", "must end in .yml"),
    ("notes.odt", ".docx"),
    ("page.mhtml", "HTML only"),
    ("data.xyz", "save the report as a .txt"),
])
def test_a_file_the_archive_cannot_read_is_named_never_skipped(tmp_path, name, fix):
    (tmp_path / "a.txt").write_text("标题\n", encoding="utf-8")
    (tmp_path / name).write_bytes(b"x")
    with pytest.raises(SeedError) as caught:
        seed_paths(tmp_path)
    assert name in str(caught.value) and fix in caught.value.fix


def test_seeds_of_every_format_are_found_and_hidden_files_are_not(tmp_path):
    for name in ("b.html", "c.docx", "d.pdf", "e.HTM", "a.txt", "a.yml", ".gitkeep"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in seed_paths(tmp_path)] == ["a.txt", "b.html", "c.docx", "d.pdf", "e.HTM"]


def test_two_seeds_with_one_name_stop_the_build(tmp_path):
    (tmp_path / "report.txt").write_text("标题\n", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF")
    with pytest.raises(SeedError) as caught:
        seed_paths(tmp_path)
    assert "report.pdf" in str(caught.value) and "report.txt" in str(caught.value)


def test_extraction_never_changes_the_original(tmp_path):
    data = fx.work_report_docx()
    seed = read(tmp_path, "report.docx", data)
    assert seed.raw == data == (tmp_path / "report.docx").read_bytes()
    assert HAN_RE.search(seed.text)


def test_unknown_suffix_cannot_be_extracted():
    with pytest.raises(SeedError):
        extract(Path("x.rtf"), b"{\\rtf1}")


def test_a_missing_library_is_named_with_the_fix(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(SeedError) as caught:
        read(tmp_path, "bulletin.pdf", b"%PDF-1.4")
    assert "pdfplumber" in str(caught.value) and "requirements.txt" in caught.value.fix


def test_extraction_is_the_same_every_time(tmp_path, bulletin):
    """Builds are reproducible: the same file gives the same text and record."""
    for name, data in (("page.html", fx.web_page()), ("report.docx", fx.work_report_docx()), ("b.pdf", bulletin)):
        first, second = read(tmp_path, name, data), read(tmp_path, name, data)
        assert (first.text, first.extraction) == (second.text, second.extraction)
