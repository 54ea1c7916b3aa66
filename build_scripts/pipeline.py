"""The pipeline: seeds → reports → pages and data, in stage order.

``python -m build_scripts`` and the MkDocs hook both call :func:`run`.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pymdownx.slugs import slugify

from build_scripts.annotate.figures import ReportFigures, figures_of
from build_scripts.annotate.glossary import (
    Glossary,
    find_terms,
    load_glossary,
    occurrences,
)
from build_scripts.annotate.metadata import infer_date, infer_doc_type
from build_scripts.annotate.places import Gazetteer, region_index, report_regions
from build_scripts.annotate.topics import (
    Topic,
    load_topics,
    topic_passages,
    topics_by_paragraph,
)
from build_scripts.cache import Cache, file_digest
from build_scripts.errors import ConservationError, DuplicateIdError, SidecarError
from build_scripts.export.analyses import (
    glossary_exports,
    region_exports,
    topic_exports,
)
from build_scripts.export.records import report_entry, write_exports
from build_scripts.model import Author, Edit, Furniture, Item, Report, Seed, Unit
from build_scripts.site.browse import home_summary, write_pages
from build_scripts.site.figure_pages import figure_outputs, report_section
from build_scripts.site.glossary_pages import pages as glossary_pages
from build_scripts.site.output import sync_folder
from build_scripts.site.region_pages import region_pages
from build_scripts.site.report_page import RULE_DESCRIPTIONS, seed_files
from build_scripts.site.topic_pages import topic_pages
from build_scripts.site.urls import FIGURES_DIR
from build_scripts.text.ingest import read_seed, seed_paths, sidecar_path
from build_scripts.text.passes import BANNER_RE, Part, split_reports, structure
from build_scripts.text.rules import HAN_RE

ROOT = Path(__file__).resolve().parent.parent
SLUGIFY = slugify(case="lower")
ITEM_KINDS = ("paragraph", "heading", "caption")


def report_id(seed: Seed, position: int, count: int, entry: dict) -> str:
    """Stable ids from the seed's name (or its sidecar ``id``), plus the position in a composite seed.

    A name with no ASCII letters or digits falls back to the seed's SHA-256,
    which never changes because seeds never change.
    """
    if entry.get("id"):
        return entry["id"]
    base = seed.sidecar.get("id") or seed.slug
    return base if count == 1 else f"{base}-{position:02d}"


SEED_WIDE_ONLY_WHEN_SINGLE = ("title", "subtitle")


def sidecar_entries(seed: Seed, count: int) -> list[dict]:
    """Per-report sidecar facts, checked against the reports the seed was split into."""
    path = sidecar_path(seed.path)
    entries: list[dict] = [{} for _ in range(count)]
    if count > 1:
        for key in SEED_WIDE_ONLY_WHEN_SINGLE:
            if key in seed.sidecar:
                raise SidecarError(path, f"'{key}' applies to the whole seed, which holds {count} reports",
                                   "move it under 'reports' with the position of the report it names", where=f"key '{key}'")
    for n, entry in enumerate(seed.sidecar.get("reports", [])):
        position = entry["position"]
        where = f"key 'reports.{n}.position'"
        if position > count:
            raise SidecarError(path, f"position {position} names no report (the seed holds {count})",
                               f"use a position from 1 to {count}", where=where)
        if entries[position - 1]:
            raise SidecarError(path, f"position {position} is given twice", "merge the two entries", where=where)
        entries[position - 1] = {k: v for k, v in entry.items() if k != "position"}
    seed_wide = {k: v for k, v in seed.sidecar.items() if k not in ("reports", "id")}
    return [{**seed_wide, **entry} for entry in entries]


def assign_header(header: list[Unit]) -> tuple[str | None, str | None, str | None, str]:
    """Kicker, title and subtitle from the header lines, with the rule that decided.

    A line ending in a colon is a kicker (``锡林郭勒：``); a series banner
    (``——…(十三)``) or a heading shallower than the next is a kicker too;
    the next line is the title and the rest the subtitle.
    """
    entries = [(u.text, u.level) for u in header if u.text]
    kickers = [t for t, _ in entries if t.endswith(("：", ":"))]
    entries = [(t, lvl) for t, lvl in entries if t not in kickers]
    if len(entries) >= 2 and (BANNER_RE.search(entries[0][0]) or (
            entries[0][1] and entries[1][1] and entries[0][1] < entries[1][1])):
        kickers.append(entries[0][0])
        entries = entries[1:]
    if not entries:
        return (" ".join(kickers) or None), None, None, "no title line before the text"
    title, *rest = [t for t, _ in entries]
    basis = "header lines before the text (kicker / title / subtitle by position, level and form)"
    return (" ".join(kickers) or None), title, (" ".join(rest) or None), basis


def unique_slug(text: str, used: set[str]) -> str:
    slug = SLUGIFY(text, "-") or "section"
    candidate, n = slug, 1
    while candidate in used:
        candidate, n = f"{slug}_{n}", n + 1
    used.add(candidate)
    return candidate


RESERVED_IDS = {"title", "figures", "apparatus", "edits", "furniture", "notes", "cite", "source"}


def make_report(seed: Seed, position: int, count: int, part: Part, gazetteer: Gazetteer,
                seed_texts: list[str], facts: dict) -> Report:
    """Assemble one report from its part of the seed, its sidecar facts and rule-derived facts.

    ``seed_texts`` is the whole seed's text: a date inferred from it applies
    to every report printed together in that seed.
    """
    header = [u for u in part.units if u.kind == "header"]
    kicker, title, subtitle, title_basis = assign_header(header)
    authors, furniture, edits, notes = [], [], [], []
    if part.byline is not None:
        byline = part.byline
        if title:
            kicker = " ".join(filter(None, [kicker, title]))
        title, title_basis = byline.text, "byline block: " + part.evidence[0].split(";")[0]
        authors.append(Author(byline.fields["name"], "author", byline.fields["office"]))
        furniture.append(Furniture("byline", byline.fields["byline"], byline.span,
                                   {"office": byline.fields["office"], "name": byline.fields["name"]}))
        edits += [_attach(e, "title") for e in byline.edits]
    for unit in header:
        edits += [_attach(e, "title") for e in unit.edits]

    paragraph_count = sum(u.kind in ITEM_KINDS and u.kind != "heading" for u in part.units)
    items, counter = [], 0
    used_slugs = RESERVED_IDS | {f"p{n}" for n in range(1, paragraph_count + 1)} | {
        f"rule-{rule.replace('_', '-')}" for rule in RULE_DESCRIPTIONS}
    for unit in part.units:
        if unit.kind in ITEM_KINDS:
            if unit.kind == "heading":
                item_id = unique_slug(unit.text, used_slugs)
            else:
                counter += 1
                item_id = f"p{counter}"
            items.append(Item(item_id, unit.kind, unit.text, unit.span, unit.level))
            edits += [_attach(e, item_id) for e in unit.edits]
            notes += [{"paragraph": item_id, "rule": "possible_lost_quotation", "text": snippet}
                      for snippet in unit.fields.get("lost_quotes", [])]
        elif unit.kind == "furniture":
            kind = unit.fields["furniture"]
            fields = {k: v for k, v in unit.fields.items() if k not in ("furniture", "hard_breaks")}
            furniture.append(Furniture(kind, unit.text, unit.span, fields))
            edits += [_attach(e, None) for e in unit.edits]
            if kind == "author_line":
                authors += [Author(name, unit.fields["role"]) for name in unit.fields["names"]]
            if kind == "credit":
                authors.append(Author(unit.fields["provider"], "provider"))
    for unit in header:
        notes += [{"paragraph": "title", "rule": "possible_lost_quotation", "text": snippet}
                  for snippet in unit.fields.get("lost_quotes", [])]

    issuing = next((f for f in furniture if f.kind == "issuing_line"), None)
    issuer = facts.get("issuer") or (issuing.fields["issuer"] if issuing else None)
    if issuer and not any(a.role == "issuer" for a in authors):
        authors.append(Author(issuer, "issuer"))
    body_texts = [i.text for i in items]
    if "date" in facts:
        date, date_basis = facts["date"], "sidecar: " + facts["date_basis"]
    else:
        date, date_basis = infer_date(issuing.fields["date"] if issuing else None,
                                      f"issuing line “{issuing.text}”" if issuing else None,
                                      seed_texts)
    doc_type, doc_basis = infer_doc_type({f.kind for f in furniture}, part.byline is not None,
                                         any(i.kind == "caption" for i in items))
    office = part.byline.fields["office"] if part.byline is not None else ""
    shown = {"kicker": kicker, "title": title, "subtitle": subtitle}
    for key in ("title", "subtitle"):
        if facts.get(key):
            if shown[key]:
                edits.append(Edit(f"sidecar_{key}", shown[key], facts[key], "title", discarded=True))
            shown[key] = None
    header_lines = [text for text in shown.values() if text]
    title, subtitle = facts.get("title") or title, facts.get("subtitle") or subtitle
    if facts.get("title"):
        title_basis = "sidecar"
    if not title:
        title, title_basis = f"[无题] {seed.name}", "no title found in the seed; editorial placeholder"
    report = Report(
        id=report_id(seed, position, count, facts), seed=seed, position=position, title=title,
        items=items, kicker=kicker, subtitle=subtitle, title_basis=title_basis,
        authors=authors, furniture=furniture, edits=edits, notes=notes, evidence=list(part.evidence),
        date=date, date_basis=date_basis, publication=facts.get("publication"), issuer=issuer,
        doc_type=facts.get("doc_type", doc_type),
        regions=report_regions(gazetteer, office, "\n".join(body_texts + header_lines)),
        editorial_notes=facts.get("notes"), header_lines=header_lines,
        header_spans=[u.span for u in header] + ([part.byline.span] if part.byline is not None else []))
    report.evidence.append(f"document type {report.doc_type}: "
                           + ("sidecar" if "doc_type" in facts else doc_basis))
    return report


def _attach(edit: Edit, paragraph: str | None) -> Edit:
    edit.paragraph = paragraph
    return edit


def han_count(texts) -> Counter:
    return Counter(ch for text in texts if text for ch in HAN_RE.findall(text))


def check_conservation(seed: Seed, reports: list[Report]) -> None:
    """Every Han character of the seed is shown once: in a report's header or text, its furniture, or its edit log.

    ``header_lines`` holds the kicker, title and subtitle as shown when they
    come from the seed; a sidecar replacement leaves the replaced text in a
    discarded edit.

    A missing character means a rule lost text; an extra one means a rule
    injected or duplicated text.  Either stops the build.
    """
    accounted = han_count(
        text for report in reports for text in (
            report.header_lines + [i.text for i in report.items] + [f.text for f in report.furniture]
            + [e.before for e in report.edits if e.discarded]))
    source = han_count([seed.text])
    missing, extra = source - accounted, accounted - source
    if missing or extra:
        def show(counter):
            return "".join(sorted(counter.elements())) or "none"
        raise ConservationError(
            seed.path, f"Han characters not accounted for: missing {show(missing)}; injected {show(extra)}",
            "this is a bug in a cleaning rule: run `python -m build_scripts` and report the seed and this message")


def reports_from_seed(seed: Seed, gazetteer: Gazetteer) -> list[Report]:
    units = structure(seed)
    parts = split_reports(units, gazetteer.regions_in)
    seed_texts = [u.text for u in units if u.text]
    entries = sidecar_entries(seed, len(parts))
    reports = [make_report(seed, n, len(parts), part, gazetteer, seed_texts, entries[n - 1])
               for n, part in enumerate(parts, start=1)]
    check_conservation(seed, reports)
    return reports


def progress(done: int, total: int, stream=sys.stderr) -> None:
    """A bar on a terminal; a plain line every tenth in logs; silent for small archives."""
    if total < 50:
        return
    if stream.isatty():
        filled = 30 * done // total
        stream.write(f"\rpipeline [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} seeds")
        if done == total:
            stream.write("\n")
    elif done == total or done % max(1, total // 10) == 0:
        stream.write(f"pipeline: {done}/{total} seeds\n")


@dataclass
class SeedOutput:
    """What one seed yields on its own — its reports, their pages, data entries and figures — cached per seed."""

    reports: list[Report]
    files: dict[str, str]
    entries: list[tuple[str, dict]]
    figures: dict[str, ReportFigures]


def seed_output(path: Path, gazetteer: Gazetteer, glossary, site_url: str | None) -> SeedOutput:
    seed = read_seed(path)
    reports = reports_from_seed(seed, gazetteer)
    figures = {r.id: figures_of(r, gazetteer) for r in reports}
    sections = {r.id: report_section(r, figures[r.id]) for r in reports}
    return SeedOutput(reports, seed_files(seed, reports, site_url, glossary, sections),
                      [report_entry(r) for r in reports], figures)


def checked_ids(per_seed: list[tuple[Path, list[Report]]]) -> list[Report]:
    """All reports in seed order; two reports with one id stop the build, naming both seeds."""
    reports, owners = [], {}
    for path, found in per_seed:
        for report in found:
            if report.id in owners:
                raise DuplicateIdError(path, f"report id '{report.id}' is already used by {owners[report.id]}",
                                       "give one of the reports another id in its sidecar (key 'id')", where="id")
            owners[report.id] = path.name
            reports.append(report)
    return reports


def build_reports(seeds_dir: Path, gazetteer: Gazetteer | None = None) -> list[Report]:
    gazetteer = gazetteer or Gazetteer()
    paths = seed_paths(seeds_dir)
    per_seed = []
    for done, path in enumerate(paths, start=1):
        progress(done, len(paths))
        per_seed.append((path, reports_from_seed(read_seed(path), gazetteer)))
    return checked_ids(per_seed)


def seed_outputs(seeds_dir: Path, gazetteer: Gazetteer, glossary, site_url: str | None,
                 cache: Cache) -> list[SeedOutput]:
    """Every seed's output, from the cache where the seed, its sidecar, the code and the settings are unchanged."""
    paths = seed_paths(seeds_dir)
    outputs = []
    for done, path in enumerate(paths, start=1):
        progress(done, len(paths))
        # the full path too: cached reports keep their seed's path
        key = cache.key(str(path).encode(), file_digest(path), file_digest(sidecar_path(path)))
        outputs.append(cache.remember(key, lambda: seed_output(path, gazetteer, glossary, site_url), SeedOutput))
    checked_ids([(path, output.reports) for path, output in zip(paths, outputs)])
    return outputs


@dataclass
class Summary:
    """What a pipeline run did, and the home page's summary for the MkDocs hook."""

    reports: int
    paragraphs: int
    edits: int
    notes: int
    seconds: float
    written: int
    home: str = field(default="", repr=False)
    cached: bool = False
    seeds_reused: int = 0
    seeds: int = 0

    def __str__(self):
        state = "nothing changed" if self.cached else (
            f"{self.seeds_reused} of {self.seeds} seeds unchanged; {self.written} files written")
        return (f"{self.reports} reports, {self.paragraphs} paragraphs, {self.edits} edits, "
                f"{self.notes} editorial notes; {state}; {self.seconds:.2f} s")


OWNED = ("reports", "sources", "data", "regions", "topics", "glossary", "figures")


def package_digest(suffixes: tuple[str, ...]) -> bytes:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in suffixes and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


#: The code this process runs: read once, so a module edited under ``mkdocs serve`` (which keeps the
#: modules it imported) cannot label output of the old code as the new code's.
CODE_DIGEST = package_digest((".py",))


def code_fingerprint() -> str:
    """A hash of the pipeline's code and its data files: output made by other code or data is never reused."""
    return hashlib.sha256(CODE_DIGEST + package_digest((".yml", ".yaml", ".json"))).hexdigest()


def run_key(seeds_dir: Path, site_url: str | None, directory_urls: bool) -> str:
    """Everything the output depends on: code, every seed and sidecar (name and bytes), the URL settings."""
    digest = hashlib.sha256(settings_key(site_url, directory_urls).encode())
    for path in sorted(seeds_dir.iterdir()):
        if path.is_file() and path.suffix in (".txt", ".yml"):
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def settings_key(site_url: str | None, directory_urls: bool) -> str:
    """The code and the site settings: what every cached result depends on besides its own inputs."""
    return code_fingerprint() + repr((site_url, directory_urls))


def owned_files(docs_dir: Path) -> dict[str, int]:
    return {p.relative_to(docs_dir).as_posix(): p.stat().st_size
            for folder in OWNED if (docs_dir / folder).is_dir()
            for p in sorted((docs_dir / folder).rglob("*")) if p.is_file()}


def run(root: Path = ROOT, seeds_dir: Path | None = None, docs_dir: Path | None = None,
        site_url: str | None = None, directory_urls: bool = True) -> Summary:
    """Build every report page and data export from ``seeds/`` into ``docs/``.

    When nothing it depends on changed since the last run (same code, seeds,
    sidecars and site URL) and its output is still in place, it does nothing:
    the state is kept in ``.cache/pipeline.json`` under ``root``.  Otherwise
    each unchanged seed's reports and pages come from the per-seed cache in
    ``.cache/seeds/``; what spans reports (regions, topics, glossary, the
    browse table, the data exports) is made afresh, and only changed files
    are written.
    """
    started = time.perf_counter()
    seeds_dir = seeds_dir or root / "seeds"
    docs_dir = docs_dir or root / "docs"
    state_file = root / ".cache" / "pipeline.json"
    key = run_key(seeds_dir, site_url, directory_urls)
    if state_file.exists():
        state = json.loads(state_file.read_text(encoding="utf-8"))
        if state["key"] == key and state["files"] == owned_files(docs_dir):
            return Summary(**state["summary"], seconds=time.perf_counter() - started, written=0,
                           home=state["home"], cached=True)
    cache = Cache(root / ".cache" / "seeds", settings_key(site_url, directory_urls))
    gazetteer, glossary = Gazetteer(), cache.remember(cache.key(b"glossary"), load_glossary, Glossary)
    hits = cache.hits
    outputs = seed_outputs(seeds_dir, gazetteer, glossary, site_url, cache)
    reused = cache.hits - hits
    cache.prune()
    reports = [report for output in outputs for report in output.reports]
    found = occurrences(reports, glossary)
    terms = {(r.id, i.id): [entry.term for _, _, entry in find_terms(i.text, glossary)]
             for r in reports for i in r.items}
    analysis = analysis_outputs(reports, gazetteer, terms_by_paragraph=terms, directory_urls=directory_urls)
    figures = figure_outputs(reports, gazetteer, directory_urls, {k: v for o in outputs for k, v in o.figures.items()})
    data = {**analysis["data"], **glossary_exports(reports, glossary, found), **figures["data"]}
    written = (write_pages(reports, docs_dir, {path: text for o in outputs for path, text in o.files.items()})
               + write_exports(reports, docs_dir, data, [entry for o in outputs for entry in o.entries])
               + sync_folder(docs_dir / FIGURES_DIR, figures["pages"])
               + sync_folder(docs_dir / "regions", analysis["regions"])
               + sync_folder(docs_dir / "topics", analysis["topics"])
               + sync_folder(docs_dir / "glossary", glossary_pages(reports, glossary, found, directory_urls)))
    counts = {"reports": len(reports), "paragraphs": sum(len(r.items) for r in reports),
              "edits": sum(len(r.edits) for r in reports), "notes": sum(len(r.notes) for r in reports)}
    home = home_summary(reports)
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps({"key": key, "summary": counts, "home": home,
                                      "files": owned_files(docs_dir)}, ensure_ascii=False), encoding="utf-8")
    return Summary(**counts, seconds=time.perf_counter() - started, written=written, home=home,
                   seeds_reused=reused, seeds=len(outputs))


def analysis_outputs(reports: list[Report], gazetteer: Gazetteer | None = None, topics: list[Topic] | None = None,
                     terms_by_paragraph: dict | None = None, directory_urls: bool = True) -> dict[str, dict[str, str]]:
    """All files of the region and topic analysis: ``{"regions": …, "topics": …, "data": …}``.

    Each value maps a file name to its content, for ``render.sync_folder`` on
    ``docs/regions``, ``docs/topics`` and (merged with the report exports)
    ``docs/data``.
    """
    gazetteer = gazetteer or Gazetteer()
    topics = load_topics() if topics is None else topics
    passages = topic_passages(reports, topics, gazetteer)
    index = region_index(reports, gazetteer)
    return {
        "regions": region_pages(reports, gazetteer, topics_by_paragraph(reports, topics, passages), terms_by_paragraph,
                                directory_urls, index),
        "topics": topic_pages(reports, topics, gazetteer, terms_by_paragraph, passages, directory_urls),
        "data": {**region_exports(reports, gazetteer, index), **topic_exports(reports, topics, gazetteer, passages)},
    }
