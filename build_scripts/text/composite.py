"""Composite seeds: where one seed holds several reports, cut it into parts, one per report, with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from build_scripts.model import Edit, Unit


@dataclass
class Part:
    """The units of one report inside a seed, with its byline if it has one."""

    units: list[Unit]
    byline: Unit | None = None
    evidence: list[str] = field(default_factory=list)
    uncertain: bool = False
    page: list[Unit] = field(default_factory=list)


def split_reports(units: list[Unit], regions_in: Callable[[str], list[str]]) -> list[Part]:
    """Cut a seed at its byline blocks and give each byline the text it heads.

    A layout can print each title and byline before its text or after it
    (then the seed opens with untitled text and ends with a byline).  Both
    alignments are scored: the structural evidence (which end of the seed is
    bare) and the regional evidence (the byline's office names a region that
    the text speaks of).  Regional evidence decides; structure breaks a tie;
    with neither, titles head the text that follows them, as is usual.  The
    winning alignment and its evidence are recorded.
    """
    cuts = [i for i, u in enumerate(units) if u.kind == "byline"]
    if not cuts:
        return page_reports(units)
    segments, start = [], 0
    for cut in cuts:
        segments.append(units[start:cut])
        start = cut + 1
    segments.append(units[start:])
    bylines_ = [units[c] for c in cuts]

    def has_text(segment):
        return any(u.kind == "paragraph" for u in segment)

    def score(pairs):
        return sum(bool(_shared_regions(b, seg, regions_in)) for b, seg in pairs)

    trailing = list(zip(bylines_, segments[:-1]))
    leading = list(zip(bylines_, segments[1:]))
    structural = ("leading" if not has_text(segments[0])
                  else "trailing" if not has_text(segments[-1]) else None)
    scores = {"trailing": score(trailing), "leading": score(leading)}
    mode = max(("leading", "trailing"), key=lambda m: (scores[m], m == structural))
    pairs = trailing if mode == "trailing" else leading
    layout = {
        "trailing": "title and byline printed after the text they head (the seed opens with untitled text and ends with a byline)",
        "leading": "title and byline printed before the text they head",
    }[mode]
    parts = []
    for number, (byline, segment) in enumerate(pairs):
        if mode == "leading" and number == 0:
            segment = segments[0] + segment
        if mode == "trailing" and number == len(pairs) - 1:
            segment = segment + segments[-1]
        shared = _shared_regions(byline, segment, regions_in)
        evidence = [f"layout: {layout}; regional match score {scores[mode]} of {len(pairs)} "
                    f"(other alignment {scores['leading' if mode == 'trailing' else 'trailing']})"]
        evidence.append(
            f"byline office {byline.fields['office']} names {', '.join(regions_in(byline.fields['office'])) or 'no known region'}; "
            + (f"the text mentions {', '.join(shared)}" if shared else "the text names no place of that region"))
        tied = scores["leading"] == scores["trailing"] and structural is None
        parts.append(Part(segment, byline, evidence, uncertain=tied))
    return parts


def _shared_regions(byline: Unit, segment: list[Unit], regions_in) -> list[str]:
    office = set(regions_in(byline.fields["office"]))
    text = "".join(u.text for u in segment if u.kind in ("paragraph", "heading", "caption"))
    return sorted({r for r in regions_in(text, with_parents=True) if r in office}) if office else []


#: Furniture a newspaper prints once for the whole page: its name, the date, the page label.
PAGE_FURNITURE = ("masthead", "date_line", "page_controls")
LEAD_KINDS = ("news_lead", "wire_dateline")


def second_headlines(units: list[Unit]) -> list[Unit]:
    """A headline followed by a news lead (本报讯, X日报讯, a wire dateline) after a report's text starts another report.

    An e-paper page copied whole holds several reports; each brief opens
    with its own headline and its lead.  A bare line read as a heading,
    after paragraphs and right before such a lead, is that next report's
    title, not a section heading of the report above.
    """
    seen_text = False
    for index, unit in enumerate(units):
        if unit.kind == "paragraph":
            seen_text = True
        following = next((u for u in units[index + 1:] if u.kind != "caption"), None)
        if (seen_text and unit.kind == "heading" and following is not None and following.kind == "furniture"
                and following.fields["furniture"] in LEAD_KINDS):
            unit.kind, unit.level = "header", None
            unit.fields["starts_report"] = True
            unit.edits = [e for e in unit.edits if e.rule != "bare_line_heading"]
            unit.edits.append(Edit("second_headline", unit.text, unit.text))
    return units


def page_reports(units: list[Unit]) -> list[Part]:
    """Cut a page at each headline that starts another report (see :func:`second_headlines`), with evidence.

    The page's masthead, date line and page label stand at the head of the
    first report and are shown there; every later report on the page reads
    its date and publication from them too (:attr:`Part.page`).
    """
    cuts = [i for i, u in enumerate(units) if u.fields.get("starts_report")]
    if not cuts:
        return [Part(units)]
    bounds = [0] + cuts + [len(units)]
    page = [u for u in units[:cuts[0]] if u.kind == "furniture" and u.fields["furniture"] in PAGE_FURNITURE]
    parts = []
    for number, (start, end) in enumerate(zip(bounds, bounds[1:]), start=1):
        evidence = [f"layout: a page holding {len(cuts) + 1} reports; report {number} "
                    + ("opens the page" if number == 1 else
                       f"starts at the headline “{units[start].text}” followed by a news lead")]
        parts.append(Part(units[start:end], evidence=evidence, page=page if number > 1 else []))
    return parts


STRUCTURE_RULES = {
    "second_headline": "Read a headline followed by a news lead (本报讯) as the title of the next report on the page.",
}
