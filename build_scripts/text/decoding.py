"""Decoding: a text file's bytes to text, and its newlines to ``\\n``, with what was found recorded.

A seed may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK,
with any newline convention; a web page is decoded the same way when it
declares no charset.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from build_scripts.errors import SeedError
from build_scripts.text.rules import HAN, HAN_RE

MOJIBAKE_RE = re.compile(f"[A-Za-z][{HAN}]+[A-Za-z]")


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
