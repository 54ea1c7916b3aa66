"""``python -m build_scripts.bench``: how the archive scales, against plain mkdocs-material.

For each size N (default 100, 1,000 and 3,000 synthetic reports from
:mod:`build_scripts.synth`) it measures, in one run and on one machine:
pipeline time (cold, and a re-run with nothing changed), full ``mkdocs build``
time and peak memory, total site bytes, bytes per page and search-index bytes
per corpus byte — for this archive, and for plain mkdocs-material (default
settings) building the same cleaned report pages.  It prints a Markdown table
with ratios and, with ``--write``, records it in ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .pipeline import ROOT
from .synth import generate

PROJECT_PARTS = ("mkdocs.yml", "build_scripts", "docs", "overrides")
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
           "sys.stderr.write(r.stderr.decode()[-2000:] if r.returncode else ''); "
           "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
PLAIN_CONFIG = "site_name: plain\ntheme:\n  name: material\n"


def measured(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall-clock seconds and peak resident memory (KiB) of one command."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    code, seconds, peak = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{out.stderr}")
    return float(seconds), int(peak)


def folder_bytes(folder: Path, suffix: str = "") -> int:
    return sum(p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.is_file())


def site_figures(site: Path) -> dict:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    return {"site_bytes": folder_bytes(site), "pages": len(pages),
            "bytes_per_page": folder_bytes(site, ".html") // max(1, len(pages)),
            "index_bytes": (site / "search" / "search_index.json").stat().st_size}


def project_with_seeds(work: Path, count: int) -> Path:
    project = work / "archive"
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part,
                            ignore=shutil.ignore_patterns("__pycache__", "reports", "sources", "data"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / part)
    shutil.copytree(ROOT / "build_scripts" / "data", project / "build_scripts" / "data", dirs_exist_ok=True)
    generate(count, project / "seeds")
    return project


def bench_size(count: int, work: Path) -> dict:
    project = project_with_seeds(work, count)
    python = [sys.executable, "-m"]
    cold, _ = measured(python + ["build_scripts"], project)
    rerun, _ = measured(python + ["build_scripts"], project)
    build, peak = measured(python + ["mkdocs", "build", "--strict", "-d", str(work / "site")], project)
    records = json.loads((project / "docs" / "data" / "reports.json").read_text(encoding="utf-8"))
    corpus = sum(len(p["text"].encode("utf-8")) for r in records for p in r["paragraphs"])
    plain = work / "plain"
    (plain / "docs").mkdir(parents=True)
    for page in (project / "docs" / "reports").glob("*.md"):
        shutil.copy2(page, plain / "docs" / page.name)
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    plain_build, plain_peak = measured(python + ["mkdocs", "build", "-d", str(work / "plain-site")], plain)
    return {"n": count, "corpus_bytes": corpus, "pipeline_s": cold, "rerun_s": rerun,
            "ours": {"build_s": build, "peak_kib": peak, **site_figures(work / "site")},
            "plain": {"build_s": plain_build, "peak_kib": plain_peak, **site_figures(work / "plain-site")}}


def table(results: list[dict]) -> str:
    rows = ["| N | pipeline s (re-run) | build s: ours / plain (ratio) | peak MiB: ours / plain | "
            "bytes/page: ours / plain (ratio) | site MB: ours / plain | index / corpus: ours / plain |",
            "|---|---|---|---|---|---|---|"]
    for r in results:
        o, p = r["ours"], r["plain"]
        rows.append(
            f"| {r['n']} | {r['pipeline_s']:.1f} ({r['rerun_s']:.2f}) "
            f"| {o['build_s']:.1f} / {p['build_s']:.1f} ({o['build_s'] / p['build_s']:.2f}×) "
            f"| {o['peak_kib'] / 1024:.0f} / {p['peak_kib'] / 1024:.0f} "
            f"| {o['bytes_per_page']:,} / {p['bytes_per_page']:,} ({o['bytes_per_page'] / p['bytes_per_page']:.2f}×) "
            f"| {o['site_bytes'] / 1e6:.1f} / {p['site_bytes'] / 1e6:.1f} "
            f"| {o['index_bytes'] / r['corpus_bytes']:.2f} / {p['index_bytes'] / r['corpus_bytes']:.2f} |")
    return "\n".join(rows)


def machine() -> str:
    memory = ""
    if Path("/proc/meminfo").exists():
        memory = Path("/proc/meminfo").read_text().split("\n")[0].split(":")[1].strip()
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, {memory} memory, "
            f"Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--write", action="store_true", help="record the results in BENCHMARKS.md")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.sizes:
            results.append(bench_size(count, Path(scratch) / str(count)))
            print(f"N={count} done", file=sys.stderr)
    text = f"Machine: {machine()}\n\n{table(results)}\n"
    print(text)
    if args.write:
        (ROOT / "benchmarks.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        update_benchmarks_md(text)
    return 0


def update_benchmarks_md(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    marker = "<!-- bench:results -->"
    current = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{marker}\n{marker}\n"
    head, _, rest = current.partition(marker)
    _, _, tail = rest.partition(marker)
    path.write_text(f"{head}{marker}\n{text}{marker}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
