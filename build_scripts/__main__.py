"""``python -m build_scripts``: run the pipeline alone (no site build); ``review`` and ``add`` for editors.

- ``python -m build_scripts`` — build every page and export into ``docs/``.
- ``python -m build_scripts review`` — list every report where a rule fell
  back or was unsure, with the sidecar lines that would settle it.
- ``python -m build_scripts add FILE…`` — copy new report files into
  ``seeds/`` under the next free numbers, byte for byte, and print what the
  pipeline made of them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

from build_scripts.errors import ArchiveError, SeedError
from build_scripts.run_state import ROOT, run_key, unchanged_run

NUMBER_RE = re.compile(r"^(\d{3,})_")


def next_number(seeds_dir: Path) -> int:
    """One more than the highest ``NNN_`` prefix in ``seeds/`` (existing numbers are never reused)."""
    numbers = [int(m.group(1)) for p in seeds_dir.iterdir() if (m := NUMBER_RE.match(p.name))]
    return max(numbers, default=-1) + 1


def seed_name(number: int, source: Path) -> str:
    """``NNN_name.ext``: the file's own name made URL-safe, or ``report`` when it has no ASCII letters or digits."""
    stem = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "report"
    return f"{number:03d}_{stem}{source.suffix.lower()}"


def describe(report) -> str:
    from build_scripts.annotate.review import review_items

    authors = "、".join(f"{a.name} ({a.role})" for a in report.authors) or "—"
    lines = [f"{report.id}: {report.title}", f"  date {report.date or '—'} ({report.date_basis})",
             f"  authors {authors}; publication {report.publication or '—'}",
             f"  regions {'、'.join(report.regions) or '—'} ({report.regions_basis}); type {report.doc_type}",
             f"  {sum(i.kind == 'paragraph' for i in report.items)} paragraphs, "
             f"{sum(i.kind == 'caption' for i in report.items)} captions, {len(report.furniture)} furniture lines"]
    lines += [f"  check {item.what}: {item.why}" for item in review_items(report)]
    return "\n".join(lines)


def add(files: list[Path], seeds_dir: Path) -> int:
    """Check every file reads as a seed, then copy them all; a bad file stops the whole command before any copy."""
    from build_scripts.annotate.places import Gazetteer
    from build_scripts.pipeline import reports_from_seed
    from build_scripts.text.ingest import read_seed

    gazetteer = Gazetteer()
    made = []
    for source in files:
        if not source.is_file():
            raise SeedError(source, "no such file", "give the path of a report file to add")
        made.append(reports_from_seed(read_seed(source), gazetteer))
    number = next_number(seeds_dir)
    for offset, (source, reports) in enumerate(zip(files, made)):
        target = seeds_dir / seed_name(number + offset, source)
        shutil.copyfile(source, target)
        print(f"added {source} as seeds/{target.name}")
        for report in reports:
            print(describe(report))
    print("\nNext: read the pages (`mkdocs serve`), then settle what `python -m build_scripts review` lists "
          "in each seed's sidecar (seeds/NNN_name.yml).")
    return 0


def build():
    """The pipeline's run, or the last run's summary when nothing changed (without importing the stages)."""
    started = time.perf_counter()
    unchanged = unchanged_run(ROOT, run_key(ROOT / "seeds", None, True), ROOT / "docs", started)
    if unchanged is not None:
        return unchanged
    from build_scripts.pipeline import run

    return run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("review", help="list reports to check, with the sidecar lines that settle them")
    adding = sub.add_parser("add", help="copy report files into seeds/ under the next free numbers")
    adding.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "review":
            from build_scripts.pipeline import build_reports
            from build_scripts.site.review_page import review_text

            print(review_text(build_reports(ROOT / "seeds")))
        elif args.command == "add":
            return add(args.files, ROOT / "seeds")
        else:
            print(build())
    except ArchiveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
