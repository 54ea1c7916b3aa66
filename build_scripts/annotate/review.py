"""The review queue: where a rule fell back or was unsure, and the sidecar lines that would settle it.

An editor adding reports needs to know which pages to read first: a report
with no title found, no date or only an inferred one, an uncertain cut out
of a composite seed, captions inferred from layout, or places read from
frequency alone.  Each item says why, in plain words, and what to write in
the seed's sidecar (``seeds/NNN_name.yml``) to settle it.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts.model import Report
from build_scripts.text.ingest import sidecar_path

INFERRED_CAPTION_RULES = ("caption_fragments", "scene_caption", "caption_cluster")


@dataclass(frozen=True)
class ReviewItem:
    """One thing to check on one report: what, why, and the sidecar lines that settle it ("" when none can)."""

    what: str
    why: str
    sidecar: str = ""


def _sidecar(report: Report, lines: list[str]) -> str:
    """The lines as they go in the sidecar: under ``reports:`` with the position when the seed holds several."""
    if report.id.endswith(f"-{report.position:02d}"):
        return "\n".join(["reports:", f"  - position: {report.position}"] + [f"    {line}" for line in lines])
    return "\n".join(lines)


def review_items(report: Report) -> list[ReviewItem]:
    """What an editor should check on this report, most consequential first."""
    items = []
    if report.title_basis.startswith("no title found"):
        items.append(ReviewItem("title", "no title line was found before the text; the page shows a placeholder",
                                _sidecar(report, ['title: "…"'])))
    if report.date is None or report.date_basis.startswith("inferred"):
        why = "no date is stated" + ("" if report.date is None else f"; {report.date} is inferred ({report.date_basis})")
        items.append(ReviewItem("date", why, _sidecar(report, ['date: "YYYY-MM-DD"', "date_basis: where the date comes from"])))
    elif "ambiguous" in report.date_basis:
        items.append(ReviewItem("date", f"the stated date could be read two ways ({report.date_basis})",
                                _sidecar(report, [f'date: "{report.date}"', "date_basis: why this reading"])))
    if "split_uncertain" in report.review:
        items.append(ReviewItem("split", "the cut of this report out of its composite seed is uncertain: "
                                + "; ".join(report.evidence[:2]),
                                _sidecar(report, ['title: "…"   # the title of the text at this position'])))
    inferred = sorted({e.rule for e in report.edits if e.rule in INFERRED_CAPTION_RULES})
    if inferred:
        items.append(ReviewItem("captions", "captions were inferred from layout alone (" + ", ".join(inferred)
                                + "); check them against the source"))
    if not report.regions or report.regions_basis.startswith("named most often"):
        items.append(ReviewItem("regions", "the places were read from frequency alone" if report.regions
                                else "no place of the gazetteer is named", _sidecar(report, ["regions: [正蓝旗]"])))
    typed = next((line for line in report.evidence if line.startswith("document type")), "")
    if report.doc_type == "article" and "sidecar" not in typed:
        items.append(ReviewItem("document type", "no rule recognised the kind of document",
                                _sidecar(report, ["doc_type: news_report   # or work_report, duty_report, bulletin, "
                                                  "newspaper_feature"])))
    return items


def review_queue(reports: list[Report]) -> list[tuple[Report, list[ReviewItem]]]:
    """Reports with something to check, in seed order, with where their sidecar goes."""
    return [(report, items) for report in sorted(reports, key=lambda r: (r.seed.name, r.position))
            if (items := review_items(report))]


def sidecar_of(report: Report) -> str:
    return sidecar_path(report.seed.path).name
