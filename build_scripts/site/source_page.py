"""The source view: a seed exactly as stored, every line numbered and addressable."""

from __future__ import annotations

import html

import yaml

from build_scripts.model import Report
from build_scripts.site.markup import generated_comment, md_escape, raw
from build_scripts.site.urls import REPORTS_DIR


def source_markdown(seed, reports: list[Report]) -> str:
    """The seed exactly as stored: every line numbered and addressable as ``#L12``.

    Ranges used by the report pages (``#L124-L188``, and the furniture of the
    apparatus) get anchors of their own;
    the original file sits beside the page for a byte-for-byte download.
    """
    numbered = [f'<span class="line" id="L{line.number}"><a class="ln" href="#L{line.number}" aria-hidden="true" tabindex="-1">'
                f'{line.number}</a><span class="lt">{html.escape(line.text, quote=False)}</span></span>'
                for line in seed.lines]
    ranges = sorted({r.source_lines for r in reports} | {f.lines for r in reports for f in r.furniture
                                                         if f.lines[0] != f.lines[1]})
    anchors = "".join(f'<a id="L{a}-L{b}"></a>' for a, b in ranges)
    titles = "、".join(r.title for r in reports[:2]) + ("等" if len(reports) > 2 else "")
    meta = {"title": html.escape(f"原文 Source · {titles}"), "search": {"exclude": True}, "generated_by": "build_scripts"}
    lines = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000).rstrip(), "---", "",
             generated_comment(f"seeds/{seed.name}"), "",
             '# 原文 <span lang="en">Source</span> { #title }', "",
             f"原文文件按收到时原样保存，共 {len(seed.lines)} 行。 "
             f'<span lang="en">The source file exactly as received, every line numbered: {md_escape(seed.name)}, '
             f"{seed.encoding}, {seed.newline} line ends, {len(seed.lines)} lines, SHA-256 "
             f"<code>{seed.sha256}</code>.</span> "
             f'[下载原始文件 <span lang="en">Download the original file</span>]({seed.slug}.txt){{ .seed-download }}', "",
             f"由此整理的报告 <span lang=\"en\">{'Reports' if len(reports) > 1 else 'The report'} edited from it</span>：", ""]
    lines += [f"- [{md_escape(r.title)}](../{REPORTS_DIR}/{r.id}.md) — 第 {r.source_lines[0]}–{r.source_lines[1]} 行 "
              f'<span lang="en">lines {r.source_lines[0]}–{r.source_lines[1]}</span>'
              for r in reports]
    # Lines are block elements, so no newline between them (it would show as an extra blank line);
    # selecting and copying still yields one line per seed line.
    lines += ["", f'<div class="seed-source">{anchors}<pre class="seed-text">' + raw("".join(numbered)) + "</pre></div>",
              ""]
    return "\n".join(lines)
