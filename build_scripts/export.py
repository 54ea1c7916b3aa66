"""Export: the archive as data — ``data/reports.json`` and ``data/reports.csv``.

Written into ``docs/data/`` (a folder the pipeline owns) so the built site
carries them; keys are stable and documented in the README.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from .model import Report
from .render import REPORTS_DIR, front_matter, sync_folder

DATA_DIR = "data"


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
        "regions": report.regions,
        "doc_type": report.doc_type,
        "publication": report.publication,
        "issuer": report.issuer,
        "source": {k: meta["source"][k] for k in ("file", "sha256", "encoding", "lines", "position")},
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


CSV_COLUMNS = ["id", "url", "title", "kicker", "subtitle", "date", "date_basis", "authors", "regions", "doc_type",
               "publication", "issuer", "source_file", "sha256", "encoding", "paragraphs", "characters", "edits"]


def csv_row(record: dict) -> dict:
    authors = "; ".join(a["name"] + (f" ({a['role']}, {a['office']})" if a["office"] else f" ({a['role']})")
                        for a in record["authors"])
    return {
        **{k: record[k] for k in ("id", "url", "title", "kicker", "subtitle", "date", "date_basis", "doc_type",
                                  "publication", "issuer")},
        "authors": authors, "regions": "; ".join(record["regions"]),
        "source_file": record["source"]["file"], "sha256": record["source"]["sha256"],
        "encoding": record["source"]["encoding"], "paragraphs": record["counts"]["paragraphs"],
        "characters": record["counts"]["characters"], "edits": record["counts"]["edits"],
    }


JIEBA_FREQUENCY = 100_000  # high enough that jieba keeps the word whole


def jieba_user_dict(reports: list[Report], gazetteer, extra_terms: list[str] = ()) -> str:
    """A jieba user dictionary, so the search index holds archive words whole.

    Place names and their short forms (东乌珠穆沁旗, 东乌旗), the names of
    authors in bylines and author lines, and glossary terms (``extra_terms``):
    jieba would otherwise cut 东乌珠穆沁旗 or 巴依斯古楞 into pieces, and a
    search for them would match pages with any piece.  Spellings with
    punctuation (“456”工作法) are left out: jieba cuts at punctuation first.
    """
    words = {form for region in gazetteer.regions.values() for form in (region.name, *region.short_forms)}
    words |= {a.name for r in reports for a in r.authors}
    words |= set(extra_terms)
    words = {w for w in words if len(w) > 1 and re.fullmatch(r"[\u4e00-\u9fa5A-Za-z0-9+#&._%\-]+", w)}
    return "".join(f"{word} {JIEBA_FREQUENCY} nz\n" for word in sorted(words))


def spreadsheet_safe(value):
    """Text starting with = + - @ is prefixed with ' so spreadsheets show it instead of running it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def report_entry(report: Report) -> tuple[str, dict]:
    """A report's entry in ``reports.json`` (encoded as it stands in the list) and its row of ``reports.csv``."""
    record = report_record(report)
    encoded = json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n ")
    return " " + encoded, {k: spreadsheet_safe(v) for k, v in csv_row(record).items()}


def write_exports(reports: list[Report], docs_dir: Path, extra: dict[str, str] | None = None,
                  entries: list[tuple[str, dict]] | None = None) -> int:
    """``reports.json``/``.csv`` plus the other stages' exports (``extra``) into ``docs/data``, which it owns.

    ``entries`` are the reports' :func:`report_entry`, when already made.
    """
    entries = [report_entry(r) for r in reports] if entries is None else entries
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row for _, row in entries)
    return sync_folder(docs_dir / DATA_DIR, {
        "reports.json": ("[\n" + ",\n".join(encoded for encoded, _ in entries) + "\n]\n") if entries else "[]\n",
        "reports.csv": buffer.getvalue(),
        **(extra or {}),
    })
