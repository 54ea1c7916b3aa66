"""The editors' review page: every report where a rule fell back or was unsure, with the sidecar that settles it.

Outside the readers' navigation and search; ``python -m build_scripts review``
prints the same queue in the terminal.
"""

from __future__ import annotations

from build_scripts.annotate.review import ReviewItem, review_queue, sidecar_of
from build_scripts.model import Report
from build_scripts.site.markup import fence, generated_comment, md_escape
from build_scripts.site.urls import REPORTS_DIR



def review_markdown(reports: list[Report]) -> str:
    queue = review_queue(reports)
    lines = ["---", "title: 待核 Review queue", "search:", "  exclude: true", "generated_by: build_scripts", "---", "",
             generated_comment("seeds/"), "", "# 待核 Review queue", "",
             f"{len(queue)} of {len(reports)} reports have something an editor should check: a rule fell back "
             "(no title, no stated date) or was unsure (a composite cut, captions or places inferred from layout "
             "or frequency). Write the lines shown into the seed's sidecar to settle it, then rebuild.", ""]
    for report, items in queue:
        lines += [f"## [{md_escape(report.title)}](../{REPORTS_DIR}/{report.id}.md) {{ #{report.id} }}", "",
                  f"`seeds/{md_escape(report.seed.name)}` · sidecar `seeds/{md_escape(sidecar_of(report))}`", ""]
        for item in items:
            lines += item_lines(item)
    return "\n".join(lines)


def item_lines(item: ReviewItem) -> list[str]:
    lines = [f"- **{md_escape(item.what)}**: {md_escape(item.why)}", ""]
    if item.sidecar:
        lines += ["    " + line for line in fence(item.sidecar, "yaml")] + [""]
    return lines


def review_text(reports: list[Report]) -> str:
    """The queue as plain text for the terminal."""
    queue = review_queue(reports)
    out = [f"{len(queue)} of {len(reports)} reports to review"]
    for report, items in queue:
        out += ["", f"{report.id} — {report.title}", f"  seed seeds/{report.seed.name}; sidecar seeds/{sidecar_of(report)}"]
        for item in items:
            out.append(f"  - {item.what}: {item.why}")
            out += [f"      {line}" for line in item.sidecar.splitlines()]
    return "\n".join(out)
