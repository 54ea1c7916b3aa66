"""The editorial apparatus of a report page: a summary first, then every edit, grouped and one click away.

Readers see plain labels (合并硬换行 Line wraps joined); each rule's code name,
description and rows sit inside its collapsed group, with the source file,
its checksum and the evidence for the report's cut and type in the technical
details.  Substantive edits (text moved, removed or restored) and the
editorial notes come before the mechanical ones (spaces, punctuation width,
line wraps).  Printed, only the summaries show.
"""

from __future__ import annotations

import html
import re

from build_scripts.model import Edit, Report
from build_scripts.site.markup import html_text, md_escape, raw, show
from build_scripts.site.source_page import FORMAT_LABELS, extraction_lines
from build_scripts.text.assemble import FURNITURE_LABELS, RULE_DESCRIPTIONS, RULE_LABELS, RULE_ORDER

EN = '<span lang="en">{}</span>'


def en(text: str) -> str:
    return EN.format(html.escape(text, quote=False))


def label_html(label: str) -> str:
    """A "中文 English" label as HTML, the English marked ``lang="en"``."""
    zh, _, english = label.partition(" ")
    return f"{html.escape(zh)} {en(english)}" if english else html.escape(zh)


def rule_anchor(rule: str) -> str:
    return f"rule-{rule.replace('_', '-')}"


def edits_by_rule(report: Report) -> dict[str, list[Edit]]:
    """The report's edits grouped by rule, in the rules' order."""
    groups: dict[str, list[Edit]] = {}
    for edit in report.edits:
        groups.setdefault(edit.rule, []).append(edit)
    return {rule: groups[rule] for rule in sorted(groups, key=RULE_ORDER.index)}


def counted(count: int, label: str) -> str:
    """A rule's English label after its count: ``51 line wraps joined``, ``1 credit line moved to the details``.

    For one edit the label's first plural noun is made singular (the labels
    are written in the plural, e.g. "Issuing bodies", "Subtitle dashes").

    >>> counted(51, "Line wraps joined"), counted(1, "Credit lines moved"), counted(1, "Issuing bodies moved")
    ('51 line wraps joined', '1 credit line moved', '1 issuing body moved')
    >>> counted(1, "Subtitle dashes removed"), counted(1, "News leads moved"), counted(1, "Other end matter moved out")
    ('1 subtitle dash removed', '1 news lead moved', '1 other end matter moved out')
    """
    words = label.split(" ")
    words[0] = words[0].lower() if words[0][1:2].islower() else words[0]
    if count == 1:
        for n, word in enumerate(words):
            if word.endswith("s") and not word.endswith("ss") and word.lower() != "news":
                words[n] = (word[:-3] + "y" if word.endswith("ies") else
                            word[:-2] if word.endswith(("shes", "ches", "xes")) else word[:-1])
                break
    return f"{count} {' '.join(words)}"


def summary(report: Report) -> str:
    """One sentence in each language: the number of edits, then each rule's count, the largest first.

    >>> from build_scripts.model import Edit
    >>> class R: edits = [Edit("fullwidth_punctuation", ",", "，")] * 2 + [Edit("join_hard_wraps", "\\n", "")]
    >>> summary(R())
    '<p class="apparatus-summary">共 3 处修改：标点改为全角 2 处，合并硬换行 1 处。 <span lang="en">3 edits: 2 punctuation marks made full-width, 1 line wrap joined.</span></p>'
    """
    groups = edits_by_rule(report)
    if not groups:
        return f'<p class="apparatus-summary">没有修改。 {en("No edits: the text is printed as in the source.")}</p>'
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), RULE_ORDER.index(item[0])))
    zh = "，".join(f"{RULE_LABELS[rule].zh} {len(edits)} 处" for rule, edits in ranked)
    english = ", ".join(counted(len(edits), RULE_LABELS[rule].en) for rule, edits in ranked)
    total = len(report.edits)
    edits = "edit" if total == 1 else "edits"
    return f'<p class="apparatus-summary">共 {total} 处修改：{html.escape(zh)}。 {en(f"{total} {edits}: {english}.")}</p>'


def where(edit: Edit) -> str:
    """The place an edit was made: its paragraph (¶12), the title, or the furniture taken out of the text."""
    if edit.paragraph == "title":
        return f'<a href="#title">标题 {en("Title")}</a>'
    if edit.paragraph and re.fullmatch(r"p\d+", edit.paragraph):
        return f'<a href="#{edit.paragraph}">¶{edit.paragraph[1:]}</a>'
    if edit.paragraph:
        return f'<a href="#{html.escape(edit.paragraph)}">{html.escape(edit.paragraph)}</a>'
    return f'<a href="#furniture">版面附属 {en("Furniture")}</a>'


def line_link(edit: Edit, source_page: str) -> str:
    return f'<a href="{source_page}#L{edit.line}">L{edit.line}</a>' if edit.line else "—"


KEY = ("<p class=\"apparatus-key\">␣ 空格 " + en("a space") + " · ↵ 换行 " + en("a line break") + " · ∅ 无 "
       + en("nothing") + "</p>")


def rule_group(rule: str, edits: list[Edit], source_page: str) -> str:
    """One rule's edits in a collapsed group: its plain label and count, then its description, code name and rows."""
    label = RULE_LABELS[rule]
    rows = "\n".join(f"<tr><td>{where(e)}</td><td>{line_link(e, source_page)}</td>"
                     f"<td>{show(e.before)}</td><td>{show(e.after)}</td></tr>" for e in edits)
    return "\n".join([
        f'<details class="rule-group" id="{rule_anchor(rule)}" data-rule="{rule}">',
        f'<summary>{html.escape(label.zh)} {en(label.en)} <span class="rule-count">{len(edits)}</span></summary>',
        f'<p class="rule-description">{en(RULE_DESCRIPTIONS[rule])} '
        f'<span class="rule-code">规则 {en("Rule")} <code>{rule}</code></span></p>', KEY,
        '<table class="edit-table">',
        f"<thead><tr><th>位置 {en('Where')}</th><th>原文行 {en('Line')}</th><th>原文 {en('Before')}</th>"
        f"<th>改后 {en('After')}</th></tr></thead>",
        f"<tbody>\n{rows}\n</tbody>", "</table>", "</details>"])


def section(anchor: str, label: str) -> list[str]:
    zh, english = label.split(" ", 1)
    return [f'### {md_escape(zh)} <span lang="en">{md_escape(english)}</span> {{ #{anchor} data-search-exclude }}', ""]


def notes(report: Report) -> list[str]:
    """The editorial notes: probable lost quotation marks, and the editors' own note, as paragraphs."""
    entries = [f'<li><a href="#{note["paragraph"]}">{"¶" + note["paragraph"][1:] if note["paragraph"].startswith("p") else "标题"}'
               f"</a>：“{html_text(note['text'])}” — 此处汉字间的空格可能是原文丢失的引号，正文照录。 "
               + en("A space between Han characters here probably stands for quotation marks lost in the "
                    "source; the text is left as printed.") + "</li>" for note in report.notes]
    if report.editorial_notes:
        paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", report.editorial_notes.strip())]
        entries.append(f"<li>编者按 {en('Editors’ note')}：" + "".join(
            f'<p lang="en">{html_text(p)}</p>' for p in paragraphs) + "</li>")
    if not entries:
        return ["没有编辑注。 <span lang=\"en\">No editorial notes.</span>", ""]
    return [raw('<ul class="editorial-notes">\n' + "\n".join(entries) + "\n</ul>")]


def line_anchor(lines: tuple[int, int]) -> str:
    """The source view's anchor for a line (``L12``) or a range of lines (``L12-L14``, see :mod:`source_page`)."""
    return f"L{lines[0]}" if lines[0] == lines[1] else f"L{lines[0]}-L{lines[1]}"


def furniture(report: Report, source_page: str) -> list[str]:
    if not report.furniture:
        return ["没有版面附属文字。 <span lang=\"en\">No furniture was taken out of the text.</span>", ""]
    rows = "\n".join(f'<tr><td>{label_html(FURNITURE_LABELS[f.kind])}</td>'
                     f'<td><a href="{source_page}#{line_anchor(f.lines)}">L{f.lines[0]}'
                     f'{"–" + str(f.lines[1]) if f.lines[1] != f.lines[0] else ""}</a></td>'
                     f"<td>{show(f.text)}</td></tr>" for f in report.furniture)
    return [raw("\n".join([
        '<details class="rule-group" id="furniture-list">',
        f'<summary>{len(report.furniture)} 处版面附属文字 {en("pieces of source furniture: bylines, credits, page residue")}'
        "</summary>",
        KEY, '<table class="edit-table">',
        f"<thead><tr><th>类型 {en('Kind')}</th><th>原文行 {en('Lines')}</th><th>原文 {en('Text')}</th></tr></thead>",
        f"<tbody>\n{rows}\n</tbody>", "</table>", "</details>"]))]


def technical(report: Report, meta: dict) -> list[str]:
    """The source file, its checksum and the evidence the rules went by: for checking, not for reading."""
    source = meta["source"]
    read = [FORMAT_LABELS[source["format"]]] if source["format"] != "text" else []
    read += [html.escape(value) for value in (source["encoding"], source["newline"]) if value]
    pages = f", pages {source['pages'][0]}–{source['pages'][1]}" if source.get("pages") else ""
    rows = [("源文件 File", f"<code>{html.escape(source['file'])}</code>, lines {source['lines'][0]}–{source['lines'][1]}"
             f"{pages} · " + " · ".join(read)),
            ("校验和 SHA-256", f"<code>{source['sha256']}</code>"),
            ("文献类型代码 Type code", f"<code>{report.doc_type}</code>"),
            ("标题依据 Title", html_text(report.title_basis)),
            ("日期依据 Date", html_text(report.date_basis))]
    rows += [("判定依据 Evidence", html_text(line)) for line in report.evidence]
    body = "\n".join(f"<tr><th>{label_html(label)}</th><td lang=\"en\">{value}</td></tr>" for label, value in rows)
    return [raw("\n".join([
        '<details class="rule-group" id="technical-details">',
        f"<summary>来源文件与判定依据 {en('Source file and the evidence the rules used')}</summary>",
        f'<table class="edit-table technical-table">\n<tbody>\n{body}\n</tbody>\n</table>', "</details>"]))]


def apparatus(report: Report, meta: dict, source_page: str) -> list[str]:
    """Summary; substantive edits and notes; mechanical edits; furniture; technical details."""
    groups = edits_by_rule(report)
    lines = ['## 编辑说明 <span lang="en">Editorial apparatus</span> { #apparatus data-search-exclude }', "",
             raw(summary(report)), "",
             "每处修改都由一条有名称的规则完成，点开各组可见原文与改后。 "
             '<span lang="en">Every change between the source and this page was made by a named rule; '
             "open a group to see each edit, before and after.</span>", "{: .apparatus-help }", ""]
    substantive = [rule for rule in groups if RULE_LABELS[rule].substantive]
    mechanical = [rule for rule in groups if not RULE_LABELS[rule].substantive]
    lines += section("edits", "实质修改 Substantive edits")
    lines += [raw("\n".join(rule_group(rule, groups[rule], source_page) for rule in substantive)), ""] if substantive \
        else ["没有。 <span lang=\"en\">None.</span>", ""]
    lines += section("notes", "编辑注 Editorial notes") + notes(report) + [""]
    lines += section("mechanical-edits", "格式修改 Mechanical edits")
    lines += [raw("\n".join([rule_group(rule, groups[rule], source_page) for rule in mechanical])), ""] \
        if mechanical else ["没有。 <span lang=\"en\">None.</span>", ""]
    lines += section("furniture", "版面附属 Source furniture") + furniture(report, source_page) + [""]
    lines += section("technical", "技术信息 Technical details") + technical(report, meta)
    extraction = report.seed.extraction
    if extraction is not None:
        lines += ["", *section("source", "原文文件 Source file"),
                  f'<span lang="en">The text was extracted from a {FORMAT_LABELS[extraction.format]}; the edits above '
                  "start from the extracted text, shown line by line in the source view.</span>", ""]
        lines += extraction_lines(extraction, 4, "source-")
    return lines + [""]
