"""The pipeline: seeds → reports → pages and data, in stage order.

``python -m build_scripts`` and the MkDocs hook both call :func:`run`.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from build_scripts.annotate.extracted import apply_extraction
from build_scripts.annotate.figure_context import figures_of
from build_scripts.annotate.figures import ReportFigures
from build_scripts.annotate.glossary import (
    Glossary,
    find_terms,
    load_glossary,
    occurrences,
)
from build_scripts.annotate.metadata import annotate_report
from build_scripts.annotate.places import Gazetteer, region_index
from build_scripts.annotate.resources import Resources, load_resources
from build_scripts.annotate.topics import (
    Topic,
    load_topics,
    topic_passages,
    topics_by_paragraph,
)
from build_scripts.cache import Cache, file_digest
from build_scripts.errors import ArchiveError, DuplicateIdError, raise_all
from build_scripts.export.analyses import (
    glossary_exports,
    region_exports,
    topic_exports,
)
from build_scripts.export.records import report_entry, write_exports
from build_scripts.model import Report, Seed
from build_scripts.run_state import ROOT, Summary, run_key, save_run, settings_key, unchanged_run
from build_scripts.site.browse import home_summary, write_pages
from build_scripts.site.figure_pages import figure_outputs, report_section
from build_scripts.site.glossary_pages import pages as glossary_pages
from build_scripts.site.method_page import method_markdown
from build_scripts.site.output import sync_folder
from build_scripts.site.region_pages import region_pages
from build_scripts.site.report_page import seed_files
from build_scripts.site.review_page import review_markdown
from build_scripts.site.topic_pages import topic_pages
from build_scripts.site.urls import FIGURES_DIR, METHOD_DIR, REVIEW_DIR
from build_scripts.text.assemble import check_conservation, make_report, sidecar_entries
from build_scripts.text.composite import split_reports
from build_scripts.text.ingest import DATA_DIR, read_seed, seed_paths, sidecar_path
from build_scripts.text.passes import structure



def reports_from_seed(seed: Seed, gazetteer: Gazetteer) -> list[Report]:
    units = structure(seed)
    parts = split_reports(units, gazetteer.regions_in)
    seed_texts = [u.text for u in units if u.text]
    entries = sidecar_entries(seed, len(parts))
    reports = [apply_extraction(annotate_report(make_report(seed, n, len(parts), part, entries[n - 1]),
                                                part.byline.fields["office"] if part.byline is not None else "",
                                                entries[n - 1], gazetteer, seed_texts), entries[n - 1], len(parts))
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


def seed_output(path: Path, resources: Resources) -> SeedOutput:
    """One seed's reports, pages and data entries; without directory URLs the pages are for the offline bundle."""
    seed = read_seed(path)
    reports = reports_from_seed(seed, resources.gazetteer)
    figures = {r.id: figures_of(r, resources.gazetteer, resources.indicators, resources.vocabulary) for r in reports}
    sections = {r.id: report_section(r, figures[r.id]) for r in reports}
    site_url = resources.site_url
    return SeedOutput(reports, seed_files(seed, reports, site_url, resources.glossary, sections,
                                          offline=not resources.directory_urls, topics=resources.topics,
                                          gazetteer=resources.gazetteer),
                      [report_entry(r, site_url) for r in reports], figures)


def checked_ids(per_seed: list[tuple[Path, list[Report]]]) -> list[Report]:
    """All reports in seed order; two reports with one id stop the build, naming both seeds (every clash at once)."""
    reports, owners, errors = [], {}, []
    for path, found in per_seed:
        for report in found:
            if report.id in owners:
                errors.append(DuplicateIdError(path, f"report id '{report.id}' is already used by {owners[report.id]}",
                                               "give one of the reports another id in its sidecar (key 'id')", where="id"))
                continue
            owners[report.id] = path.name
            reports.append(report)
    raise_all(errors)
    return reports


def build_reports(seeds_dir: Path, gazetteer: Gazetteer | None = None) -> list[Report]:
    gazetteer = gazetteer or Gazetteer()
    paths = seed_paths(seeds_dir)
    per_seed, errors = [], []
    for done, path in enumerate(paths, start=1):
        progress(done, len(paths))
        try:
            per_seed.append((path, reports_from_seed(read_seed(path), gazetteer)))
        except ArchiveError as error:
            errors.append(error)
    raise_all(errors)
    return checked_ids(per_seed)


#: Seeds to remake before the work is spread over the machine's cores (fewer are quicker in one process).
PARALLEL_MIN = 24


def _seed_output_or_error(path: Path, resources: Resources) -> SeedOutput | ArchiveError:
    try:
        return seed_output(path, resources)
    except ArchiveError as error:
        return error


_FORKED_RESOURCES: list[Resources] = []


def _remake_in_worker(path: Path) -> SeedOutput | ArchiveError:
    return _seed_output_or_error(path, _FORKED_RESOURCES[0])


def remake(paths: list[Path], resources: Resources) -> list[SeedOutput | ArchiveError]:
    """Each seed's output or its error; many seeds are spread over the cores in forked workers.

    Workers are forked after the tokenizer's vocabularies are made, so they
    share them and the rest of ``resources`` (by fork, not by pickling).
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_MIN or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_seed_output_or_error(path, resources) for path in paths]
    resources.words.prepare()
    _FORKED_RESOURCES[:] = [resources]
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_remake_in_worker, paths, chunksize=max(1, len(paths) // (workers * 4))))


def seed_outputs(seeds_dir: Path, resources: Resources, cache: Cache) -> list[SeedOutput]:
    """Every seed's output, from the cache where the seed, its sidecar, the code and the settings are unchanged.

    Seeds not in the cache are remade (over all cores when there are many);
    every seed's error is collected and all are reported together.
    """
    paths = seed_paths(seeds_dir)
    # the full path too: cached reports keep their seed's path
    keys = [cache.key(str(path).encode(), file_digest(path), file_digest(sidecar_path(path))) for path in paths]
    found = {path: cache.load(key, SeedOutput) for path, key in zip(paths, keys)}
    missing = [path for path in paths if found[path] is None]
    for path, key, made in zip(missing, [k for p, k in zip(paths, keys) if found[p] is None],
                               remake(missing, resources)):
        found[path] = made
        if not isinstance(made, ArchiveError):
            cache.store(key, made)
    raise_all([value for value in found.values() if isinstance(value, ArchiveError)])
    outputs = [found[path] for path in paths]
    checked_ids([(path, output.reports) for path, output in zip(paths, outputs)])
    return outputs


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
    key = run_key(seeds_dir, site_url, directory_urls)
    unchanged = unchanged_run(root, key, docs_dir, started)
    if unchanged is not None:
        return unchanged
    cache = Cache(root / ".cache" / "seeds", settings_key(site_url, directory_urls))
    resources = load_resources(site_url, directory_urls, glossary=lambda words, data: cache.remember(
        cache.key(b"glossary"), lambda: load_glossary(DATA_DIR / "glossary.yml", words, data), Glossary))
    gazetteer, glossary = resources.gazetteer, resources.glossary
    hits = cache.hits
    outputs = seed_outputs(seeds_dir, resources, cache)
    reused = cache.hits - hits
    cache.prune()
    reports = [report for output in outputs for report in output.reports]
    found = occurrences(reports, glossary)
    terms = {(r.id, i.id): [entry.term for _, _, entry in find_terms(i.text, glossary)]
             for r in reports for i in r.items}
    analysis = analysis_outputs(reports, gazetteer, resources.topics, terms, directory_urls)
    figures = figure_outputs(reports, gazetteer, directory_urls, {k: v for o in outputs for k, v in o.figures.items()},
                             resources.indicators)
    data = {**analysis["data"], **glossary_exports(reports, glossary, found), **figures["data"]}
    written = (write_pages(reports, docs_dir, {path: text for o in outputs for path, text in o.files.items()}, gazetteer,
                           directory_urls)
               + write_exports(reports, docs_dir, data, [entry for o in outputs for entry in o.entries],
                               directory_urls)
               + sync_folder(docs_dir / FIGURES_DIR, figures["pages"])
               + sync_folder(docs_dir / "regions", analysis["regions"])
               + sync_folder(docs_dir / "topics", analysis["topics"])
               + sync_folder(docs_dir / "glossary", glossary_pages(reports, glossary, found, directory_urls))
               + sync_folder(docs_dir / REVIEW_DIR, {"index.md": review_markdown(reports)})
               + sync_folder(docs_dir / METHOD_DIR, {"index.md": method_markdown(reports)}))
    counts = {"reports": len(reports), "paragraphs": sum(len(r.items) for r in reports),
              "edits": sum(len(r.edits) for r in reports), "notes": sum(len(r.notes) for r in reports)}
    home = home_summary(reports, directory_urls)
    save_run(root, key, docs_dir, counts, home)
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
