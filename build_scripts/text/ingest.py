"""Ingest: read seed files and their optional sidecars, without changing a byte.

A seed may be UTF-8 (with or without BOM) or GB18030/GBK, with any newline
convention.  The decoded text has ``\\n`` newlines; the encoding and the
original newline convention are recorded so the page can say what was read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import jsonschema
import yaml

from build_scripts.errors import SeedError, SidecarError
from build_scripts.model import Seed
from build_scripts.text.rules import HAN, HAN_RE

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MOJIBAKE_RE = re.compile(f"[A-Za-z][{HAN}]+[A-Za-z]")


@functools.lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(name))


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name): UTF-16 or UTF-8 by their BOM, else UTF-8, else GB18030.

    GB18030 decodes many byte strings that are not Chinese at all, so a
    GB18030 reading is accepted only if it yields Han text, no control or
    private-use characters, and no Han characters wedged between Latin
    letters (``Z黵ich``: a Windows-1252 file read as GB18030).  A GB18030
    byte-order mark is dropped.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _undecodable(path, exc) from exc
        if any(_is_junk(ch) for ch in text):
            raise _undecodable(path, UnicodeDecodeError("utf-16", raw, 0, 2, "control characters"))
        return text, "utf-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _undecodable(path, exc) from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise _undecodable(path, exc) from exc
        if not HAN_RE.search(text) or any(_is_junk(ch) for ch in text) or MOJIBAKE_RE.search(text):
            raise _undecodable(path, utf8_error) from utf8_error
        return text.removeprefix("\ufeff"), "gb18030"


def _is_junk(ch: str) -> bool:
    category = unicodedata.category(ch)
    return (category == "Cc" and ch not in "\n\r\t") or category == "Co"


def _undecodable(path: Path, exc: UnicodeDecodeError) -> SeedError:
    return SeedError(
        path,
        f"cannot be decoded as UTF-8 or GB18030 (byte {exc.start}: {exc.object[exc.start:exc.start + 4]!r})",
        "re-save the file as UTF-8 (or GB18030) text; seeds are never repaired in place",
    )


def normalise_newlines(text: str) -> tuple[str, str]:
    """Turn CRLF and lone CR into LF; return the text and the convention found."""
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, count in (("CRLF", crlf), ("CR", lone_cr), ("LF", lf)) if count]
    convention = kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "none")
    return text.replace("\r\n", "\n").replace("\r", "\n"), convention


def read_seed(path: Path) -> Seed:
    """Read one seed and its sidecar; stop with a clear error if it is unusable."""
    raw = path.read_bytes()
    text, encoding = decode(raw, path)
    text, newline = normalise_newlines(text)
    if not text.strip():
        raise SeedError(path, "is empty (no text after decoding)",
                        "put the report's text in the file, or remove the file from seeds/")
    if not HAN_RE.search(text):
        raise SeedError(path, "contains no Chinese text",
                        "check that this is a report and that it was saved in a Chinese-capable encoding")
    return Seed(path=path, raw=raw, text=text, encoding=encoding, newline=newline,
                sha256=hashlib.sha256(raw).hexdigest(), sidecar=read_sidecar(path))


def sidecar_path(seed_path: Path) -> Path:
    return seed_path.with_suffix(".yml")


def read_yaml(path: Path, error_class):
    """Parse a YAML file; a missing, non-UTF-8 or malformed file raises ``error_class`` with line and fix."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
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
    """All seed files, in a stable order (by file name)."""
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())
