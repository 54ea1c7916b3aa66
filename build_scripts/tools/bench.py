"""``python -m build_scripts.tools.bench``: how the archive scales, against plain mkdocs-material.

First the archive's own seeds: the cold pipeline (no ``.cache/``) against
plain mkdocs-material building the same report pages, and Zensical building
them as a second reference (each the median of ``SEED_REPEATS`` runs: a few
seconds each, they vary by half from one run to the next on a shared machine).  Then for each size N (default 300 and 1,000
synthetic reports from :mod:`build_scripts.tools.synth`) it measures, in one
run and on one machine: a cold full ``mkdocs build --strict`` (fresh project:
the hook runs the pipeline) against plain mkdocs-material and Zensical, pipeline
time (cold, and a re-run with nothing changed), peak memory, total site bytes, bytes per page and search-index bytes
(everything under ``search/``) per corpus byte — for this archive, and for
plain mkdocs-material (default settings) building the same cleaned report
pages — and, in headless Chromium, the search data a reader's browser fetches
before the first result of each of ``SEARCH_QUERIES`` shows.  Then it edits one seed
(a sentence added to one paragraph) and times what an editor waits for: the
pipeline re-run, and ``mkdocs build --dirty`` (pipeline included), which
rebuilds only the pages whose Markdown changed.  With ``--serve`` it also
times ``mkdocs serve`` and ``mkdocs serve --dirty`` from saving the edit to
the served page showing it.  It prints a Markdown table with ratios and,
with ``--write``, records it in ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from build_scripts.pipeline import ROOT
from build_scripts.tools.synth import generate

PROJECT_PARTS = ("mkdocs.yml", "build_scripts", "docs", "overrides")
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
           "sys.stderr.write(r.stderr.decode()[-2000:] if r.returncode else ''); "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(r.returncode, time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime)")
PLAIN_CONFIG = "site_name: plain\ntheme:\n  name: material\n"
#: What the issue asks of the archive against plain mkdocs-material (ratios of wall-clock seconds).
TARGETS = {"seeds_pipeline": 1.0, 300: 2.0, 1000: 1.0, "rerun_s": 0.5}


def measured(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, float]:
    """Wall-clock seconds, peak resident memory (KiB) and CPU seconds of one command.

    CPU seconds vary less than wall-clock ones on a machine shared with other work.
    """
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    code, seconds, peak, cpu = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{out.stderr}")
    return float(seconds), int(peak), float(cpu)


def folder_bytes(folder: Path, suffix: str = "") -> int:
    return sum(p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.is_file())


SEARCH_QUERIES = (  # one of each kind researchers type, and the most common words of the archive
    "党员中心户", "基层党组织建设", "两学一做学习教育", "黨員中心戶", "dangyuan zhongxinhu", "锡盟",
    "first secretary", "1399", "党员中心户 集体经济", "旗")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The first result is shown, or the meta line says there is none (its text once the worker answered).
RESULTS_SHOWN = """() => document.querySelector('.md-search-result__item') || (() => {
  const meta = document.querySelector('.md-search-result__meta');
  return meta && meta.textContent.includes('没有找到');
})()"""


@contextlib.contextmanager
def served(folder: Path):
    """``folder`` on a loopback port, as a static host serves it (no compression); yields the base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def is_search_data(url: str, base: str) -> bool:
    """The search index files, ``search_index.json`` and the worker script: what search costs a reader."""
    path = url[len(base):] if url.startswith(base) else url
    return path.startswith("search/") or path.startswith("assets/javascripts/workers/")


def bench_search(site: Path, queries: tuple[str, ...] = SEARCH_QUERIES) -> list[dict]:
    """Bytes of search data a reader's browser fetches before the first result shows, per query, in Chromium.

    Each query runs in a fresh browser context (nothing cached): the home page
    loads, the query is typed into the search box, and every response under
    ``search/`` or the worker's folder is counted (body bytes as served,
    uncompressed) until the first result appears (or the search says it found nothing).
    """
    from playwright.sync_api import sync_playwright

    rows = []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        for query in queries:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            finished: list = []
            page.on("requestfinished", lambda request: finished.append(request)
                    if is_search_data(request.url, base) else None)
            page.goto(base, wait_until="networkidle")
            started = time.perf_counter()
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            box.press("End")
            page.wait_for_function(RESULTS_SHOWN, timeout=60_000)
            seconds = time.perf_counter() - started
            before_result = list(finished)
            results = page.locator(".md-search-result__meta").inner_text()
            sizes = [len(request.response().body()) for request in before_result]
            rows.append({"query": query, "bytes": sum(sizes), "requests": len(sizes),
                         "seconds": seconds, "results": results})
            context.close()
        browser.close()
    return rows


def site_figures(site: Path) -> dict:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    return {"site_bytes": folder_bytes(site), "pages": len(pages),
            "bytes_per_page": folder_bytes(site, ".html") // max(1, len(pages)),
            "index_bytes": folder_bytes(site / "search")}


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


EDIT_MARKS = ("补记一", "补记二", "补记三", "补记四")


def edited_seed(project: Path) -> Path:
    """The seed the edit measurements change: a UTF-8 one from the middle of the archive."""
    paths = sorted((project / "seeds").glob("*.txt"))
    middle = paths[len(paths) // 2:] + paths
    return next(p for p in middle if p.read_bytes().decode("utf-8", "replace").count("\ufffd") == 0)


def edit(seed: Path, mark: str) -> None:
    """Add ``mark`` as a sentence after the seed's first full stop: a small edit of one paragraph."""
    seed.write_bytes(seed.read_bytes().replace("。".encode(), f"。{mark}。".encode(), 1))


def page_with(project: Path, mark: str) -> str:
    """The site path of the report page showing ``mark``."""
    page = next(p for p in (project / "docs" / "reports").glob("*.md") if mark in p.read_text(encoding="utf-8"))
    return f"reports/{page.stem}/"


def serve_reload(project: Path, seed: Path, mark: str, path: str, dirty: bool, log: Path) -> float:
    """Seconds from saving an edit of ``seed`` to ``mkdocs serve`` serving ``path`` with ``mark`` on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{path}"
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=project, stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            wait_for(url, None, server)
            started = time.perf_counter()
            edit(seed, mark)
            wait_for(url, mark, server)
            return time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=60)


def wait_for(url: str, mark: str | None, server: subprocess.Popen, timeout: float = 1800) -> None:
    """Poll ``url`` until it answers (and shows ``mark``); the server stopping or the timeout is an error."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped (exit {server.returncode}) before {url} was served")
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                if mark is None or mark in answer.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not show {mark!r} within {timeout} s")


def bench_edit(project: Path, site: Path, serve: bool) -> dict:
    """What an editor waits for after changing one seed: pipeline, dirty build and (``serve``) served page."""
    python = [sys.executable, "-m"]
    seed = edited_seed(project)
    edit(seed, EDIT_MARKS[0])
    rerun, _, _ = measured(python + ["build_scripts"], project)
    edit(seed, EDIT_MARKS[1])
    dirty, _, _ = measured(python + ["mkdocs", "build", "--dirty", "-d", str(site)], project)
    out = {"edit_rerun_s": rerun, "edit_dirty_build_s": dirty}
    if serve:
        path = page_with(project, EDIT_MARKS[0])
        out["serve_dirty_s"] = serve_reload(project, seed, EDIT_MARKS[2], path, True, site.parent / "serve-dirty.log")
        out["serve_s"] = serve_reload(project, seed, EDIT_MARKS[3], path, False, site.parent / "serve.log")
    return out


GENERATED = ("reports", "sources", "data", "regions", "topics", "glossary", "figures", "review", "method")


def forget(project: Path) -> None:
    """Make the next run cold: no ``.cache/`` and none of the generated folders."""
    for name in (".cache", *(f"docs/{folder}" for folder in GENERATED)):
        shutil.rmtree(project / name, ignore_errors=True)


def plain_builds(project: Path, work: Path, zensical: bool = True, repeat: int = 1) -> dict:
    """Plain mkdocs-material (default settings) and (unless told not to) Zensical building the archive's report
    pages, as they are."""
    plain = work / "plain"
    (plain / "docs").mkdir(parents=True)
    for page in (project / "docs" / "reports").glob("*.md"):
        shutil.copy2(page, plain / "docs" / page.name)
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    build, peak, cpu = median_of(repeat, lambda: measured(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(work / "plain-site")], plain))
    out = {"build_s": build, "build_cpu_s": cpu, "peak_kib": peak, **site_figures(work / "plain-site")}
    command = Path(sys.executable).parent / "zensical"
    if zensical and command.exists():
        shutil.rmtree(plain / "site", ignore_errors=True)
        out["zensical_s"], _, out["zensical_cpu_s"] = measured([str(command), "build", "--clean"], plain)
    return out


def bench_seeds(work: Path) -> dict:
    """The archive's own seeds: cold pipeline and no-change re-run against plain builds of the same pages."""
    project = project_with_seeds(work, 0)
    for path in (ROOT / "seeds").iterdir():
        shutil.copy2(path, project / "seeds" / path.name)
    python = [sys.executable, "-m"]

    def cold_run(command: list[str]) -> tuple[float, int, float]:
        forget(project)
        return measured(command, project)

    cold, _, cold_cpu = median_of(SEED_REPEATS, lambda: cold_run(python + ["build_scripts"]))
    rerun, _, _ = median_of(SEED_REPEATS, lambda: measured(python + ["build_scripts"], project))
    build, peak, cpu = median_of(SEED_REPEATS, lambda: cold_run(
        python + ["mkdocs", "build", "--strict", "-d", str(work / "site")]))
    return {"n": "seeds", "pipeline_s": cold, "pipeline_cpu_s": cold_cpu, "rerun_s": rerun,
            "ours": {"build_s": build, "build_cpu_s": cpu, "peak_kib": peak},
            "plain": plain_builds(project, work, repeat=SEED_REPEATS)}


#: Runs of each measurement on the seeds (a few seconds each), of which the median is kept: on a shared
#: machine one run of the same command varied from 1.9 s to 3.4 s.
SEED_REPEATS = 5


def median_of(count: int, measure) -> tuple[float, int, float]:
    """The run with the median wall-clock time of ``count`` runs of ``measure`` (its seconds, peak, CPU seconds)."""
    runs = sorted((measure() for _ in range(count)), key=lambda run: run[0])
    return runs[len(runs) // 2]


def bench_size(count: int, work: Path, serve: bool = False, search: bool = True, edits: bool = True,
               zensical: bool = True) -> dict:
    project = project_with_seeds(work, count)
    python = [sys.executable, "-m"]
    build, peak, cpu = measured(python + ["mkdocs", "build", "--strict", "-d", str(work / "site")], project)
    rerun, _, _ = measured(python + ["build_scripts"], project)
    forget(project)
    cold, _, cold_cpu = measured(python + ["build_scripts"], project)
    records = json.loads((project / "docs" / "data" / "reports.json").read_text(encoding="utf-8"))
    corpus = sum(len(p["text"].encode("utf-8")) for r in records for p in r["paragraphs"])
    ours = {"build_s": build, "build_cpu_s": cpu, "peak_kib": peak, **site_figures(work / "site"),
            "search": bench_search(work / "site") if search else []}
    return {"n": count, "corpus_bytes": corpus, "pipeline_s": cold, "pipeline_cpu_s": cold_cpu, "rerun_s": rerun,
            "ours": ours, "plain": plain_builds(project, work, zensical),
            **(bench_edit(project, work / "site", serve) if edits else {})}


def ratio(ours: float, plain: float) -> str:
    return f"{ours / plain:.2f}×" if plain else "–"


def seconds(value: float | None, digits: int) -> str:
    """A time in the table, or – where it was not measured."""
    return "–" if value is None else f"{value:.{digits}f}"


def targets_table(seeds: dict, results: list[dict]) -> str:
    """The issue's targets: cold pipeline on the seeds, cold full builds, no-change re-run; each met or not."""
    plain = seeds["plain"]
    rows = ["| what | ours s | plain mkdocs-material s | ratio | target | met | Zensical (plain pages) s |",
            "|---|---|---|---|---|---|---|",
            f"| cold pipeline, the {len(list((ROOT / 'seeds').glob('*.txt')))} seeds "
            f"| {seeds['pipeline_s']:.2f} | {plain['build_s']:.2f} | {ratio(seeds['pipeline_s'], plain['build_s'])} "
            f"| ≤ {TARGETS['seeds_pipeline']:.0f}× | {_met(seeds['pipeline_s'], plain['build_s'], TARGETS['seeds_pipeline'])} "
            f"| {seconds(plain.get('zensical_s'), 2)} |",
            f"| cold full build, the seeds | {seeds['ours']['build_s']:.2f} | {plain['build_s']:.2f} "
            f"| {ratio(seeds['ours']['build_s'], plain['build_s'])} | – | – | {seconds(plain.get('zensical_s'), 2)} |"]
    for r in results:
        target = TARGETS.get(r["n"])
        rows.append(f"| cold full build, N = {r['n']} | {r['ours']['build_s']:.1f} | {r['plain']['build_s']:.1f} "
                    f"| {ratio(r['ours']['build_s'], r['plain']['build_s'])} | {f'≤ {target:.0f}×' if target else '–'} "
                    f"| {_met(r['ours']['build_s'], r['plain']['build_s'], target) if target else '–'} "
                    f"| {seconds(r['plain'].get('zensical_s'), 1)} |")
    for r in [seeds, *results]:
        archive = "the seeds" if r["n"] == "seeds" else f"N = {r['n']}"
        rows.append(f"| re-run, nothing changed, {archive} "
                    f"| {r['rerun_s']:.2f} | – | – | ≤ {TARGETS['rerun_s']} s "
                    f"| {'yes' if r['rerun_s'] <= TARGETS['rerun_s'] else 'no'} | – |")
    return "\n".join(rows)


def _met(ours: float, plain: float, target: float) -> str:
    return "yes" if ours <= plain * target else "no"


def table(results: list[dict]) -> str:
    serve = any("serve_s" in r for r in results)
    rows = ["| N | pipeline s (re-run) | build s: ours / plain (ratio) | build CPU s: ours / plain (ratio) | "
            "peak MiB: ours / plain | "
            "bytes/page: ours / plain (ratio) | site MB: ours / plain | index / corpus: ours / plain | "
            "one seed edited: pipeline s / dirty build s | search kB before first result: max (query) |"
            + (" serve s: dirty / full |" if serve else ""),
            "|---|---|---|---|---|---|---|---|---|---|" + ("---|" if serve else "")]
    for r in results:
        o, p = r["ours"], r["plain"]
        heaviest = max(o["search"], key=lambda row: row["bytes"], default=None)
        search = f"{heaviest['bytes'] / 1000:,.0f} ({heaviest['query']})" if heaviest else "–"
        edited = f"{r['edit_rerun_s']:.1f} / {r['edit_dirty_build_s']:.1f}" if "edit_rerun_s" in r else "–"
        rows.append(
            f"| {r['n']} | {r['pipeline_s']:.1f} ({r['rerun_s']:.2f}) "
            f"| {o['build_s']:.1f} / {p['build_s']:.1f} ({o['build_s'] / p['build_s']:.2f}×) "
            f"| {o['build_cpu_s']:.1f} / {p['build_cpu_s']:.1f} ({o['build_cpu_s'] / p['build_cpu_s']:.2f}×) "
            f"| {o['peak_kib'] / 1024:.0f} / {p['peak_kib'] / 1024:.0f} "
            f"| {o['bytes_per_page']:,} / {p['bytes_per_page']:,} ({o['bytes_per_page'] / p['bytes_per_page']:.2f}×) "
            f"| {o['site_bytes'] / 1e6:.1f} / {p['site_bytes'] / 1e6:.1f} "
            f"| {o['index_bytes'] / r['corpus_bytes']:.2f} / {p['index_bytes'] / r['corpus_bytes']:.2f} "
            f"| {edited} "
            f"| {search} |"
            + (f" {r['serve_dirty_s']:.1f} / {r['serve_s']:.1f} |" if serve else ""))
    return "\n".join(rows)


def search_table(results: list[dict]) -> str:
    """Per query: kB of search data fetched before the first result, requests, seconds, at each size."""
    sizes = [r["n"] for r in results]
    rows = ["| query | " + " | ".join(f"N = {n}: kB, requests, s (results)" for n in sizes) + " |",
            "|---|" + "---|" * len(sizes)]
    for i, query in enumerate(results[0]["ours"]["search"]):
        cells = [(lambda row: f"{row['bytes'] / 1000:,.0f}, {row['requests']}, {row['seconds']:.1f} "
                              f"({row['results'].split(' ')[0]})")(r["ours"]["search"][i]) for r in results]
        rows.append(f"| {query['query']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def machine() -> str:
    memory = ""
    if Path("/proc/meminfo").exists():
        memory = Path("/proc/meminfo").read_text().split("\n")[0].split(":")[1].strip()
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, {memory} memory, "
            f"Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--no-search", action="store_true", help="skip the search measurements in Chromium")
    parser.add_argument("--no-edit", action="store_true", help="skip the one-seed-edited measurements")
    parser.add_argument("--write", action="store_true", help="record the results in BENCHMARKS.md")
    parser.add_argument("--zensical-up-to", type=int, default=300, metavar="N",
                        help="time Zensical only for sizes up to N (it took ten times plain mkdocs-material at 300)")
    parser.add_argument("--serve", action="store_true",
                        help="also time mkdocs serve (plain and --dirty) from an edited seed to the served page")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        seeds = bench_seeds(Path(scratch) / "seeds")
        print("seeds done", file=sys.stderr)
        for count in args.sizes:
            results.append(bench_size(count, Path(scratch) / str(count), args.serve, not args.no_search,
                                      not args.no_edit, count <= args.zensical_up_to))
            print(f"N={count} done", file=sys.stderr)
    text = f"Machine: {machine()}\n\n{targets_table(seeds, results)}\n\n{table(results)}\n"
    if not args.no_search:
        text += (f"\nSearch data a reader's browser fetches before the first result (Chromium, nothing cached; "
                 f"the worker script, search_index.json and index files, uncompressed):\n\n{search_table(results)}\n")
    print(text)
    if args.write:
        (ROOT / "benchmarks.json").write_text(json.dumps([seeds, *results], indent=1) + "\n", encoding="utf-8")
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
