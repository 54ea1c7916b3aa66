"""The data exports described: ``data/datapackage.json`` (Frictionless Data) and the download page.

The data dictionary lives in ``data/datapackage.yml``; this stage checks it
against the files the other stages wrote (a CSV whose columns differ from
the dictionary, or a file the dictionary does not describe, stops the build),
then writes the package descriptor — with each file's size and SHA-256, so an
archivist can check a copy — and ``docs/data/index.md``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json

from build_scripts.errors import DataFileError
from build_scripts.text.ingest import DATA_DIR, load_schema, read_yaml, validate

DICTIONARY_FILE = DATA_DIR / "datapackage.yml"
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "bib": "application/x-bibtex",
               "ris": "application/x-research-info-systems"}
CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True}


def load_dictionary(path=DICTIONARY_FILE) -> dict:
    data = read_yaml(path, DataFileError)
    validate(data, load_schema("datapackage.schema.json"), path, DataFileError)
    return data


def check_dictionary(dictionary: dict, files: dict[str, str]) -> None:
    """Every exported file is described, and every CSV has exactly the columns the dictionary lists."""
    described = {r["path"]: (n, r) for n, r in enumerate(dictionary["resources"])}
    for name in sorted(set(files) - set(described)):
        raise DataFileError(DICTIONARY_FILE, f"docs/data/{name} is exported but not described",
                            f"add a resource with 'path: {name}', a title, a description and its fields or keys",
                            where="key 'resources'")
    for name, (n, resource) in described.items():
        if name not in files:
            raise DataFileError(DICTIONARY_FILE, f"describes {name}, which no stage exports",
                                "remove the resource or restore the export", where=f"key 'resources.{n}'")
        if name.endswith(".csv"):
            header = next(csv.reader(io.StringIO(files[name])))
            listed = [f["name"] for f in resource.get("fields", [])]
            if header != listed:
                raise DataFileError(DICTIONARY_FILE, f"{name} has the columns {header}, the dictionary lists {listed}",
                                    "list every column of the CSV, in order, under 'fields'",
                                    where=f"key 'resources.{n}.fields'")


def descriptor(dictionary: dict, files: dict[str, str]) -> dict:
    """A Frictionless Data Package: CSVs as tabular resources with their schema, JSON files as plain files."""
    resources = []
    for resource in dictionary["resources"]:
        data = files[resource["path"]].encode("utf-8")
        name, _, suffix = resource["path"].rpartition(".")
        entry = {"name": f"{name}-{suffix}", "path": resource["path"], "title": resource["title"],
                 "description": resource["description"], "format": suffix, "mediatype": MEDIA_TYPES[suffix],
                 "encoding": "utf-8", "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
        if suffix == "csv":
            entry.update(profile="tabular-data-resource", dialect=CSV_DIALECT, schema={
                "fields": [{"name": f["name"], "type": f["type"], "description": f["description"]}
                           for f in resource["fields"]], "missingValues": [""]})
        resources.append(entry)
    return {"profile": "data-package", "name": dictionary["name"], "title": dictionary["title"],
            "description": dictionary["description"], "licenses": [dictionary["license"]], "resources": resources}


def _size(data: str) -> str:
    size = len(data.encode("utf-8"))
    return f"{size / 1024:,.0f} KB" if size >= 10_240 else f"{size:,} bytes"


def download_page(dictionary: dict, files: dict[str, str]) -> str:
    """``data/index.md``: every file with its size and what each column or key means."""
    from build_scripts.site.markup import generated_comment, md_escape

    lines = ["---", "title: 数据下载 Data downloads", "search:", "  exclude: true", "---", "",
             generated_comment("build_scripts/data/datapackage.yml"), "",
             "# 数据下载 Data downloads", "", md_escape(dictionary["description"]), "",
             "All files are UTF-8. CSV cells that would start with = + - @ are prefixed with ' so spreadsheets "
             "show them as text. [datapackage.json](datapackage.json) describes every file as a "
             "Frictionless Data package (frictionlessdata.io), with its size and SHA-256, so "
             "`frictionless validate datapackage.json` checks a downloaded copy. Licence: "
             f"{md_escape(dictionary['license']['title'])}.", "",
             "| File | Contents | Size |", "| --- | --- | --- |"]
    for resource in dictionary["resources"]:
        path = resource["path"]
        lines.append(f"| [{path}]({path}) | {md_escape(resource['title'])} | {_size(files[path])} |")
    lines.append("")
    for resource in dictionary["resources"]:
        path = resource["path"]
        lines += [f"## {path} {{ #{path.replace('.', '-')} }}", "", md_escape(resource["description"]), ""]
        if resource.get("fields"):
            lines += ["| Column | Type | Meaning |", "| --- | --- | --- |"]
            lines += [f"| `{f['name']}` | {f['type']} | {md_escape(f['description'])} |" for f in resource["fields"]]
            lines.append("")
        if resource.get("keys"):
            lines += ["| Key | Meaning |", "| --- | --- |"]
            lines += [f"| `{key}` | {md_escape(text)} |" for key, text in resource["keys"].items()]
            lines.append("")
    return "\n".join(lines)


def package_files(files: dict[str, str]) -> dict[str, str]:
    """``datapackage.json`` and ``index.md`` for the exported ``files`` (name → content)."""
    dictionary = load_dictionary()
    check_dictionary(dictionary, files)
    return {"datapackage.json": json.dumps(descriptor(dictionary, files), ensure_ascii=False, indent=1) + "\n",
            "index.md": download_page(dictionary, files)}
