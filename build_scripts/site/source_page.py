"""The source view: a seed's text with every line numbered and addressable, and the original file to download.

For a text seed the text is the file as stored.  For a web page, Word
document or PDF it is the text extracted from the original, which the rules
and the reports' line references work on; the page says how it was
extracted (tools and versions, what was left out as furniture, the
metadata found) and offers the original byte for byte.
"""

from __future__ import annotations

import html

from build_scripts.model import Extraction, Report
from build_scripts.site.markup import front_matter_lines, generated_comment, html_table, md_escape, raw, show
from build_scripts.site.urls import REPORTS_DIR

FORMAT_LABELS = {"html": "web page", "docx": "Word document", "pdf": "PDF"}
MEDIA_TYPES = {"text": "text/plain", "html": "text/html", "pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
#: A saved web page is offered as text: served as HTML it would run the site's scripts and fetch its pictures.
SERVED_AS_TEXT = (".html", ".htm")
STRENGTH_LABELS = {"stated": "printed in the document", "metadata": "the page's metadata",
                   "property": "a file property"}


def original_file(seed) -> str:
    """The name the original is published under beside its source view: its own suffix (``.pdf``, ``.docx``).

    A web page keeps ``.html`` and gains ``.txt``, so the browser shows its
    code instead of running it; the download link restores its name.
    """
    suffix = seed.path.suffix.lower()
    return f"{seed.slug}{suffix}" + (".txt" if suffix in SERVED_AS_TEXT else "")


def _download(seed) -> str:
    name = html.escape(seed.name, quote=True)
    target = original_file(seed)
    attributes = ".seed-download" + (f' download="{name}"' if target != f"{seed.slug}{seed.path.suffix}" else "")
    return f'[下载原始文件 <span lang="en">Download the original file</span>]({target}){{ {attributes} }}'


def _introduction(seed) -> str:
    """One paragraph in Chinese and English: what the numbered text is, the file's name, reading and checksum."""
    if seed.extraction is None:
        return (f"原文文件按收到时原样保存，共 {len(seed.lines)} 行。 "
                f'<span lang="en">The source file exactly as received, every line numbered: {md_escape(seed.name)}, '
                f"{seed.encoding}, {seed.newline} line ends, {len(seed.lines)} lines, SHA-256 "
                f"<code>{seed.sha256}</code>.</span> " + _download(seed))
    extraction = seed.extraction
    read_as = f", read as {seed.encoding}" if seed.encoding else ""
    pages = f" from {len(extraction.pages)} pages" if extraction.pages else ""
    return (f"从原始文件提取的文本，共 {len(seed.lines)} 行。 "
            f'<span lang="en">The text extracted from the {FORMAT_LABELS[extraction.format]} {md_escape(seed.name)}'
            f"{read_as}{pages} by {md_escape(extraction.tools)}: {len(seed.lines)} lines, numbered here; the rules "
            f"and the reports' line references work on them. The original's SHA-256 is <code>{seed.sha256}</code>."
            "</span> " + _download(seed))


def extraction_lines(extraction: Extraction, level: int, prefix: str = "") -> list[str]:
    """What the extraction did, left out and found: notes, the dropped furniture, the metadata with its basis.

    Each table closes its part: a heading follows it, or the page ends.
    """
    marks = "#" * level
    lines = [f"Extracted by {md_escape(extraction.tools)}.", ""]
    lines += [f"- {md_escape(note[0].upper() + note[1:])}." for note in extraction.notes] + [""]
    lines += [f"{marks} 略去的版面 Left out as furniture {{ #{prefix}dropped data-search-exclude }}", ""]
    if extraction.dropped:
        lines += html_table(["类型 Kind", "位置 Where", "原文 Text"],
                            [[html.escape(d.kind), html.escape(d.where), show(d.text)] for d in extraction.dropped])
    else:
        lines += ["Nothing.", ""]
    lines += [f"{marks} 文件所载 Stated by the file {{ #{prefix}evidence data-search-exclude }}", "",
              "Evidence about the report; the report's notes say what was made of each.", ""]
    if extraction.evidence:
        lines += html_table(["事项 Fact", "内容 Value", "依据 Basis", "出自 Written by"],
                            [[html.escape(e.field + (f" ({e.role})" if e.role and e.role != "author" else "")),
                              show(e.value), html.escape(e.basis), STRENGTH_LABELS[e.strength]]
                             for e in extraction.evidence])
    else:
        lines += ["None.", ""]
    return lines


def _numbered(seed) -> str:
    starts = {first: n for n, (first, _) in enumerate(seed.extraction.pages, start=1)} if seed.extraction else {}
    spans = []
    for line in seed.lines:
        page = f' data-page="{starts[line.number]}"' if line.number in starts else ""
        spans.append(f'<span class="line" id="L{line.number}"{page}><a class="ln" href="#L{line.number}" '
                     f'aria-hidden="true" tabindex="-1">{line.number}</a><span class="lt">{html.escape(line.text, quote=False)}'
                     "</span></span>")
    return "".join(spans)


def source_markdown(seed, reports: list[Report]) -> str:
    """The seed's text with every line numbered and addressable as ``#L12``.

    Ranges used by the report pages (``#L124-L188``, and the furniture of the
    apparatus) get anchors of their own; the original file sits beside the
    page for a byte-for-byte download.  A PDF's page breaks are marked before
    the first line of each page.
    """
    ranges = sorted({r.source_lines for r in reports} | {f.lines for r in reports for f in r.furniture
                                                         if f.lines[0] != f.lines[1]})
    anchors = "".join(f'<a id="L{a}-L{b}"></a>' for a, b in ranges)
    titles = "、".join(r.title for r in reports[:2]) + ("等" if len(reports) > 2 else "")
    meta = {"title": html.escape(f"原文 Source · {titles}"), "search": {"exclude": True}, "generated_by": "build_scripts"}
    lines = front_matter_lines(meta) + [generated_comment(f"seeds/{seed.name}"), "",
             '# 原文 <span lang="en">Source</span> { #title }', "", _introduction(seed), "",
             f"由此整理的报告 <span lang=\"en\">{'Reports' if len(reports) > 1 else 'The report'} edited from it</span>：", ""]
    lines += [f"- [{md_escape(r.title)}](../{REPORTS_DIR}/{r.id}.md) — 第 {r.source_lines[0]}–{r.source_lines[1]} 行 "
              f'<span lang="en">lines {r.source_lines[0]}–{r.source_lines[1]}</span>'
              for r in reports]
    if seed.extraction is not None:
        lines += ["", "## 提取 Extraction { #extraction }", ""] + extraction_lines(seed.extraction, 3)
        lines += ["## 文本 Extracted text { #text }"]
    # Lines are block elements, so no newline between them (it would show as an extra blank line);
    # selecting and copying still yields one line per seed line.
    lines += ["", f'<div class="seed-source">{anchors}<pre class="seed-text">' + raw(_numbered(seed)) + "</pre></div>",
              ""]
    return "\n".join(lines)
