"""The source view: a seed exactly as stored, every line numbered and addressable."""

from __future__ import annotations

import html

from build_scripts.model import Report
from build_scripts.site.markup import generated_comment, md_escape, raw
from build_scripts.site.urls import REPORTS_DIR


def source_markdown(seed, reports: list[Report]) -> str:
    """The seed exactly as stored: every line numbered and addressable as ``#L12``.

    Ranges used by the report pages (``#L124-L188``) get anchors of their own;
    the original file sits beside the page for a byte-for-byte download.
    """
    numbered = [f'<span class="line" id="L{line.number}"><a class="ln" href="#L{line.number}" aria-hidden="true" tabindex="-1">'
                f'{line.number}</a><span class="lt">{html.escape(line.text, quote=False)}</span></span>'
                for line in seed.lines]
    ranges = sorted({r.source_lines for r in reports})
    anchors = "".join(f'<a id="L{a}-L{b}"></a>' for a, b in ranges)
    lines = ["---", f"title: 原文 Source · {seed.name}", "search:", "  exclude: true",
             "generated_by: build_scripts", "---", "", generated_comment(f"seeds/{seed.name}"), "",
             f"# 原文 Source: {md_escape(seed.name)} {{ #title }}", "",
             f"The seed exactly as stored in `seeds/`: {seed.encoding}, {seed.newline} line ends, "
             f"{len(seed.lines)} lines, sha256 `{seed.sha256}`. "
             f"[Download the original file]({seed.slug}.txt){{ .seed-download }} (byte for byte).", "",
             "Reports cut from this seed:", ""]
    lines += [f"- [{md_escape(r.title)}](../{REPORTS_DIR}/{r.id}.md) — lines {r.source_lines[0]}–{r.source_lines[1]}"
              for r in reports]
    # Lines are block elements, so no newline between them (it would show as an extra blank line);
    # selecting and copying still yields one line per seed line.
    lines += ["", f'<div class="seed-source">{anchors}<pre class="seed-text">' + raw("".join(numbered)) + "</pre></div>",
              ""]
    return "\n".join(lines)
