"""``python -m build_scripts.tools.bundle``: the offline bundle, one zip to open from disk.

Builds the site with ``OFFLINE=true`` (mkdocs-material's offline plugin:
file URLs, search without a server; the search-worker shim is vendored, fonts
are the reader's own) and the published address (``SITE_URL`` or
``--site-url``), which its citations, feed and metadata name instead of files
on the reader's disk; it stops, saying so, without one.  It zips the site
reproducibly: entries sorted, every
timestamp taken from ``SOURCE_DATE_EPOCH`` (or the last commit), fixed
permissions.  Two runs on the same commit give byte-identical zips.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from build_scripts.pipeline import ROOT

NAME = "nmg-dangjian-archive"


def source_date_epoch(root: Path = ROOT) -> int:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` if set, else the last commit, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                             text=True, check=True, timeout=10).stdout.strip()
        return int(out) if out else 0
    except (OSError, subprocess.SubprocessError, ValueError):
        return 0


def version(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")


NO_SITE_URL = ("SITE_URL is not set: the offline bundle's citations must name the archive's published address. "
               "Run with SITE_URL=https://<user>.github.io/<repo>/ or --site-url.")


def build_offline_site(site_dir: Path, epoch: int, root: Path = ROOT, site_url: str | None = None) -> None:
    site_url = site_url or os.environ.get("SITE_URL")
    if not site_url:
        raise SystemExit(NO_SITE_URL)
    env = {**os.environ, "OFFLINE": "true", "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": site_url}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                            cwd=root, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"offline build failed (exit {result.returncode})")


def write_zip(site_dir: Path, target: Path, top: str, epoch: int) -> None:
    """Zip ``site_dir`` under the folder ``top`` with sorted entries and fixed times and modes."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.timezone.utc).timetuple()[:6]  # zip starts 1980
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site_dir).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, path.read_bytes())


def make_bundle(out_dir: Path, root: Path = ROOT, site_url: str | None = None) -> Path:
    """The bundle's zip in ``out_dir``; ``site_url`` (default: ``SITE_URL``) is the archive's published address."""
    epoch = source_date_epoch(root)
    top = f"{NAME}-{version(epoch)}"
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build_offline_site(site, epoch, root, site_url)
        target = out_dir / f"{top}-offline.zip"
        write_zip(site, target, top, epoch)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the zip (default: dist/)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL"),
                        help="the archive's published address, which citations name (default: $SITE_URL)")
    args = parser.parse_args(argv)
    print(make_bundle(args.out, site_url=args.site_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
