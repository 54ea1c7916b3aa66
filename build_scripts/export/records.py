"""Export: the archive as data — ``data/reports.json`` and ``data/reports.csv``.

Written into ``docs/data/`` (a folder the pipeline owns) so the built site
carries them; keys are stable and documented in the README.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from build_scripts.export.citation import citation_record
from build_scripts.export.citation_formats import archive_files
from build_scripts.export.offline import file_urls
from build_scripts.export.tables import csv_text
from build_scripts.model import Extraction, Report
from build_scripts.site.output import sync_folder
from build_scripts.site.urls import DATA_DIR, REPORTS_DIR
from build_scripts.text.rules import HAN_RE


def report_record(report: Report) -> dict:
    meta = front_matter(report)
    return {
        "id": report.id,
        "url": f"{REPORTS_DIR}/{report.id}/",
        "title": report.title,
        "kicker": report.kicker,
        "subtitle": report.subtitle,
        "date": report.date,
        "date_basis": report.date_basis,
        "title_basis": report.title_basis,
        "authors": meta["authors"],
        "contributors": meta["contributors"],
        "regions": report.regions,
        "regions_basis": report.regions_basis,
        "mentioned_regions": report.mentioned_regions,
        "doc_type": report.doc_type,
        "reporting_year": report.reporting_year,
        "reporting_year_basis": report.reporting_year_basis,
        "publication": report.publication,
        "publication_basis": report.publication_basis,
        "issuer": report.issuer,
        "source": {**{k: meta["source"][k] for k in ("file", "format", "sha256", "encoding", "lines", "position")},
                   "pages": meta["source"].get("pages"), "extraction": extraction_record(report.seed.extraction)},
        "counts": meta["counts"],
        "evidence": report.evidence,
        "editorial_notes": report.editorial_notes,
        "paragraphs": [{"id": i.id, "kind": i.kind, "text": i.text, "lines": list(i.lines)} for i in report.items]
        + [{"id": f"note-{n}", "kind": "note", "text": note["text"], "paragraph": note["paragraph"]}
           for n, note in enumerate(report.notes, start=1)],
        "furniture": [{"kind": f.kind, "text": f.text, "lines": list(f.lines), **f.fields} for f in report.furniture],
        "edits": [{"rule": e.rule, "paragraph": e.paragraph, "before": e.before, "after": e.after, "line": e.line}
                  for e in report.edits],
    }


def extraction_record(extraction: Extraction | None) -> dict | None:
    """How the text was taken out of a web page, Word document or PDF; ``None`` for a text file."""
    if extraction is None:
        return None
    return {"tools": extraction.tools, "notes": extraction.notes,
            "dropped": [{"kind": d.kind, "text": d.text, "where": d.where} for d in extraction.dropped],
            "evidence": [{"field": e.field, "value": e.value, "basis": e.basis, "strength": e.strength,
                          "role": e.role or None} for e in extraction.evidence],
            "pages": [list(span) for span in extraction.pages]}


def report_pages(report: Report) -> list[int] | None:
    """The first and last page of a PDF the report's lines stand on."""
    spans = report.seed.extraction.pages if report.seed.extraction else []
    first, last = report.source_lines
    on = [n for n, (a, b) in enumerate(spans, start=1) if a <= last and b >= first]
    return [on[0], on[-1]] if on else None


CSV_COLUMNS = ["id", "url", "title", "kicker", "subtitle", "date", "date_basis", "authors", "contributors", "regions",
               "mentioned_regions", "doc_type", "reporting_year", "publication", "issuer", "source_file", "format",
               "sha256", "encoding", "paragraphs", "characters", "edits"]


def people_cell(people: list[dict]) -> str:
    """``name (role, office)`` pairs, '; '-separated: one spreadsheet cell."""
    return "; ".join(p["name"] + (f" ({p['role']}, {p['office']})" if p.get("office") else f" ({p['role']})")
                     for p in people)


def csv_row(record: dict) -> dict:
    return {
        **{k: record[k] for k in ("id", "url", "title", "kicker", "subtitle", "date", "date_basis", "doc_type",
                                  "publication", "issuer")},
        "authors": people_cell(record["authors"]), "contributors": people_cell(record["contributors"]),
        "regions": "; ".join(record["regions"]), "mentioned_regions": "; ".join(record["mentioned_regions"]),
        "reporting_year": "" if record["reporting_year"] is None else record["reporting_year"],
        "source_file": record["source"]["file"], "format": record["source"]["format"],
        "sha256": record["source"]["sha256"],
        "encoding": record["source"]["encoding"], "paragraphs": record["counts"]["paragraphs"],
        "characters": record["counts"]["characters"], "edits": record["counts"]["edits"],
    }


def report_entry(report: Report, site_url: str | None = None) -> tuple[str, dict, dict]:
    """A report's entry in ``reports.json`` (encoded as it stands in the list), its row of ``reports.csv``
    and its citation record (CSL-JSON, :mod:`citation`)."""
    record = report_record(report)
    encoded = json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n ")
    return " " + encoded, csv_row(record), citation_record(report, site_url)


def write_exports(reports: list[Report], docs_dir: Path, extra: dict[str, str] | None = None,
                  entries: list[tuple[str, dict, dict]] | None = None, directory_urls: bool = True,
                  site_url: str | None = None) -> int:
    """``reports.json``/``.csv``, the citation files and the other stages' exports (``extra``) into ``docs/data``.

    ``entries`` are the reports' :func:`report_entry`, when already made.  The data dictionary's
    package descriptor and download page go with them (:mod:`datapackage`).  Without directory URLs
    (the offline bundle) every ``url`` names the page file (:func:`file_urls`).
    """
    from build_scripts.export.datapackage import package_files

    entries = [report_entry(r, site_url) for r in reports] if entries is None else entries
    files = {"reports.json": ("[\n" + ",\n".join(entry[0] for entry in entries) + "\n]\n") if entries else "[]\n",
             "reports.csv": csv_text(CSV_COLUMNS, [entry[1] for entry in entries]),
             **archive_files([entry[2] for entry in entries]), **(extra or {})}
    if not directory_urls:
        files = file_urls(files)
    return sync_folder(docs_dir / DATA_DIR, {**files, **package_files(files)})


REPORT_SEARCH_BOOST = 5  # a reader searching words wants the reports before glossary, region and topic pages


def front_matter(report: Report, for_page: bool = False) -> dict:
    """The page's metadata, validated against ``report.schema.json``.

    MkDocs and the theme insert ``title`` and ``subtitle`` into navigation and
    ``<title>`` as HTML, so on a page they are HTML-escaped (``for_page``);
    the data exports keep the plain text.
    """
    body = "".join(i.text for i in report.items if i.kind != "heading")
    as_html = html.escape if for_page else (lambda text: text)
    pages = report_pages(report)
    return {
        "title": as_html(report.title),
        "id": report.id,
        "kicker": report.kicker and as_html(report.kicker),
        "subtitle": report.subtitle and as_html(report.subtitle),
        "authors": [{"name": a.name, "role": a.role, "office": a.office} for a in report.authors],
        "date": report.date,
        "date_basis": report.date_basis,
        "publication": report.publication,
        "publication_basis": report.publication_basis,
        "issuer": report.issuer,
        "contributors": [{"name": a.name, "role": a.role, "office": a.office} for a in report.contributors],
        "doc_type": report.doc_type,
        "reporting_year": report.reporting_year,
        "reporting_year_basis": report.reporting_year_basis,
        "regions": report.regions,
        "regions_basis": report.regions_basis,
        "mentioned_regions": report.mentioned_regions,
        "source": {
            "file": f"seeds/{report.seed.name}",
            "format": report.seed.format,
            "sha256": report.seed.sha256,
            "encoding": report.seed.encoding,
            "newline": report.seed.newline,
            "lines": list(report.source_lines),
            "position": report.position,
            **({"tools": report.seed.extraction.tools} if report.seed.extraction else {}),
            **({"pages": pages} if pages else {}),
        },
        "counts": {
            "characters": len(body),
            "han_characters": len(HAN_RE.findall(body)),
            "paragraphs": sum(i.kind == "paragraph" for i in report.items),
            "headings": sum(i.kind == "heading" for i in report.items),
            "captions": sum(i.kind == "caption" for i in report.items),
            "edits": len(report.edits),
            "notes": len(report.notes),
        },
        "search": {"boost": REPORT_SEARCH_BOOST},
        "generated_by": "build_scripts",
    }
