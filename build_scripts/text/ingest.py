"""Ingest: read seed files and their optional sidecars, without changing a byte.

A seed is a text file (UTF-8 with or without BOM, UTF-16 or GB18030/GBK,
any newline convention; see :mod:`decoding`) or a web page, Word document or
PDF, whose text is extracted by :mod:`build_scripts.text.formats`.  The text
has ``\\n`` newlines; the encoding, the original newline convention or the
extraction are recorded so the page can say what was read.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import jsonschema
import yaml

from build_scripts.errors import SeedError, SidecarError
from build_scripts.model import Seed
from build_scripts.text.decoding import decode, normalise_newlines
from build_scripts.text.formats import SEED_SUFFIXES, SIDECAR_SUFFIX, UNREAD_SUFFIXES, extract
from build_scripts.text.rules import HAN_RE

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@functools.lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(name))


def read_seed(path: Path) -> Seed:
    """Read one seed and its sidecar; stop with a clear error if it is unusable.

    A text file is decoded; a web page, Word document or PDF has its text
    extracted, and the extraction (tools, what was dropped, metadata found)
    travels with the seed.
    """
    raw = path.read_bytes()
    extraction = None
    if path.suffix.lower() == ".txt":
        text, encoding = decode(raw, path)
        text, newline = normalise_newlines(text)
    else:
        text, encoding, extraction = extract(path, raw)
        newline = None
    if not text.strip():
        raise SeedError(path, "is empty (no text after decoding)",
                        "put the report's text in the file, or remove the file from seeds/")
    if not HAN_RE.search(text):
        raise SeedError(path, "contains no Chinese text",
                        "check that this is a report and that it was saved in a Chinese-capable encoding")
    return Seed(path=path, raw=raw, text=text, encoding=encoding, newline=newline,
                sha256=hashlib.sha256(raw).hexdigest(), sidecar=read_sidecar(path), extraction=extraction)


def sidecar_path(seed_path: Path) -> Path:
    return seed_path.with_suffix(SIDECAR_SUFFIX)


#: libyaml's parser when PyYAML has it (fifty times faster on glossary.yml: 18 ms against 0.9 s), same safe types.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, error_class):
    """Parse a YAML file; a missing, non-UTF-8 or malformed file raises ``error_class`` with line and fix."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError as exc:
        raise error_class(path, "does not exist", "restore the file (it is part of the project)") from exc
    except UnicodeDecodeError as exc:
        raise error_class(path, "is not UTF-8", "save the file as UTF-8") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        raise error_class(path, f"is not valid YAML ({getattr(exc, 'problem', exc)})",
                          "correct the YAML syntax (indentation, colons, quotes)", where) from exc


def read_sidecar(seed_path: Path) -> dict:
    """Read ``<seed>.yml`` if present and validate it against the sidecar schema."""
    path = sidecar_path(seed_path)
    if not path.exists():
        return {}
    data = read_yaml(path, SidecarError)
    if data is None:
        return {}
    validate(data, load_schema("sidecar.schema.json"), path, SidecarError)
    return data


def validate(data, schema: dict, path: Path, error_class) -> None:
    """Validate ``data``; report the most specific error by key path, with a fix."""
    validator = _validator(schema["$id"]) if "$id" in schema else jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data),
                    key=lambda e: (-len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    err = errors[0]
    key = ".".join(str(p) for p in err.absolute_path) or "(top level)"
    fix = err.schema.get("description") or "see the schema in build_scripts/data/" + schema.get("$id", "")
    if err.validator in ("required", "dependentRequired"):
        fix = "add the missing key named above" + (
            " (a date needs a date_basis saying how it is known, and the reverse)" if "date" in err.message else "")
    if err.validator == "additionalProperties":
        allowed = ", ".join(sorted(err.schema.get("properties", {})))
        fix = f"remove or rename the key; allowed keys are: {allowed}"
    raise error_class(path, err.message, fix, where=f"key '{key}'")


def seed_paths(seeds_dir: Path) -> list[Path]:
    """All seed files, in a stable order (by file name).

    A file the archive cannot read (a ``.doc``, a scan, a ``.yaml``) stops the
    build rather than being skipped in silence, and so do two seeds sharing a
    name (``a.txt`` and ``a.pdf`` would share a sidecar and a page).
    Hidden files (``.gitkeep``, ``.DS_Store``) are not seeds.
    """
    files = sorted(p for p in seeds_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    for path in files:
        suffix = path.suffix.lower()
        if suffix not in SEED_SUFFIXES and suffix != SIDECAR_SUFFIX:
            raise SeedError(path, f"is not a format the archive reads ({', '.join(SEED_SUFFIXES)})",
                            UNREAD_SUFFIXES.get(suffix, "save the report as a .txt (UTF-8) file, "
                                                "or move the file out of seeds/"))
    seeds = [p for p in files if p.suffix.lower() in SEED_SUFFIXES]
    by_stem: dict[str, Path] = {}
    for path in seeds:
        if path.stem in by_stem:
            raise SeedError(path, f"shares its name with {by_stem[path.stem].name}, so both would have the "
                                  f"sidecar {path.stem}{SIDECAR_SUFFIX} and one source page",
                            "keep one of the two files in seeds/, or rename one")
        by_stem[path.stem] = path
    return seeds
