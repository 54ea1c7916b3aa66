"""A cache of pipeline results kept between runs, so that editing one seed re-does one seed's work.

Each entry is a file named by a hash of everything its content depends on:
the caller hashes its inputs (a seed's name and bytes, its sidecar's bytes)
and the cache adds its ``salt`` (the pipeline's code and data, the site
settings).  Changed inputs therefore never find an old entry; they miss and
are computed afresh.  An entry that cannot be read back (truncated, written
by another Python) is a miss too, never an error.  Entries not asked for in a
run are deleted by :meth:`Cache.prune`, so a removed seed leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def file_digest(path: Path) -> bytes:
    """A path's name and content, hashed; a missing file hashes differently from every present one."""
    content = hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing"
    return path.name.encode() + b"\0" + content


class Cache:
    """Pickled results in one folder, keyed by the hash of their inputs and the cache's ``salt``."""

    def __init__(self, folder: Path, salt: str):
        self.folder = folder
        self.salt = salt.encode()
        self.used: set[str] = set()
        self.hits = 0

    def key(self, *inputs: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        for part in inputs:
            digest.update(len(part).to_bytes(8, "big") + part)
        return digest.hexdigest()

    def load(self, key: str, kind: type | None = None):
        """The stored result for ``key``, or None; ``kind`` checks what was read back (a stale entry is a miss)."""
        self.used.add(key)
        try:
            with (self.folder / f"{key}.pickle").open("rb") as stream:
                value = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 — an unreadable entry is only a miss: it is computed and rewritten
            return None
        if kind is not None and not isinstance(value, kind):
            return None
        self.hits += 1
        return value

    def store(self, key: str, value) -> None:
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{key}.pickle"
        partial = path.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)  # readers see the old entry or the whole new one, never half of it

    def remember(self, key: str, make: Callable[[], T], kind: type | None = None) -> T:
        """The stored result for ``key``, or ``make()`` stored under it; ``kind`` checks what was read back."""
        value = self.load(key, kind)
        if value is None:
            value = make()
            self.store(key, value)
        return value

    def prune(self) -> None:
        """Delete every entry this run did not ask for (removed seeds, old code, other settings)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
