"""The data exports' ``url`` fields for the offline bundle, whose pages are files (``reports/x.html``), not folders.

Every stage writes site-relative directory URLs (``reports/x/#p3``); in the
offline build those folders do not exist, so the exports are rewritten here,
in one place, as the bundle's pages are named.
"""

from __future__ import annotations

import csv
import io
import json
import re

from build_scripts.export.tables import csv_text

DIRECTORY_URL_RE = re.compile(r"^([^#?:]+)/(#.*)?$")


def file_url(url):
    """The page file a directory URL names; anything else unchanged.

    >>> file_url("reports/x/#p3"), file_url("glossary/党员中心户/"), file_url(None), file_url("https://a.org/")
    ('reports/x.html#p3', 'glossary/党员中心户.html', None, 'https://a.org/')
    """
    match = DIRECTORY_URL_RE.match(url) if isinstance(url, str) else None
    return f"{match.group(1)}.html{match.group(2) or ''}" if match else url


def _rewrite(value):
    if isinstance(value, dict):
        return {key: file_url(item) if key == "url" else _rewrite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rewrite(item) for item in value]
    return value


def file_urls(files: dict[str, str]) -> dict[str, str]:
    """The export files with every ``url`` key (JSON) and ``url`` column (CSV) naming the page file."""
    out = {}
    for name, text in files.items():
        if name.endswith(".json"):
            data = json.loads(text)
            rewritten = _rewrite(data)
            out[name] = text if rewritten == data else json.dumps(rewritten, ensure_ascii=False, indent=1) + "\n"
        elif name.endswith(".csv") and text.split("\n", 1)[0].split(",").count("url"):
            reader = csv.DictReader(io.StringIO(text))
            rows = [{**row, "url": file_url(row["url"])} for row in reader]
            out[name] = csv_text(list(reader.fieldnames), rows)
        else:
            out[name] = text
    return out
