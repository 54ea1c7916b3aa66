"""File output: generated files written only when their bytes change; a leaf module."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write only when the bytes differ, so ``mkdocs serve`` does not loop on its own output."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def sync_folder(folder: Path, files: dict[str, str | bytes]) -> int:
    """Make ``folder`` hold exactly ``files``: the pipeline owns it, stale pages go."""
    folder.mkdir(parents=True, exist_ok=True)
    written = sum(write_if_changed(folder / name, content) for name, content in sorted(files.items()))
    for stale in sorted(folder.iterdir()):
        if stale.name not in files and stale.is_file():
            stale.unlink()
    return written
