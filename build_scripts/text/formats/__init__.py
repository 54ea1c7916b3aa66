"""Formats: the text of a web page, a Word document or a PDF, and a record of how it was taken out.

Each reader turns the original file's bytes into the plain text the
structure passes and rules read, in the layout they already understand
(headings marked ``#``, paragraphs apart, a picture's caption after a gap),
plus an :class:`~build_scripts.model.Extraction`: the tools and their
versions, what was dropped as the page's or the file's furniture, and the
metadata found with its basis.  The original bytes are never changed.
"""

from __future__ import annotations

from pathlib import Path

from build_scripts.errors import SeedError
from build_scripts.model import Extraction
from build_scripts.text.formats.common import TOOLS, tool_label

SEED_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
#: A seed's sidecar: ``NNN_name.yml`` beside ``NNN_name.txt`` (or .pdf …), facts no rule can know.
SIDECAR_SUFFIX = ".yml"

#: Files an editor might put in ``seeds/`` that the archive does not read, with what to do instead.
UNREAD_SUFFIXES = {
    ".doc": "open it in Word or LibreOffice and save it as a Word document (.docx)",
    ".wps": "open it in WPS and save it as a Word document (.docx)",
    ".rtf": "open it in Word or LibreOffice and save it as a Word document (.docx)",
    ".odt": "save it from LibreOffice as a Word document (.docx)",
    ".mht": "open the page in a browser and save it as \"Webpage, HTML only\" (.html)",
    ".mhtml": "open the page in a browser and save it as \"Webpage, HTML only\" (.html)",
    ".jpg": "a picture has no text: run OCR first and put the text (.txt) or the OCR'd PDF in seeds/",
    ".jpeg": "a picture has no text: run OCR first and put the text (.txt) or the OCR'd PDF in seeds/",
    ".png": "a picture has no text: run OCR first and put the text (.txt) or the OCR'd PDF in seeds/",
    ".tif": "a scan has no text: run OCR first and put the text (.txt) or the OCR'd PDF in seeds/",
    ".tiff": "a scan has no text: run OCR first and put the text (.txt) or the OCR'd PDF in seeds/",
    ".yaml": "a sidecar must end in .yml: rename the file",
    ".md": "save the report as a .txt file (Markdown headings are read from .txt seeds too)",
}


def tool_versions() -> str:
    """Every reader's libraries and versions: output extracted by other versions is never reused from the cache."""
    return "; ".join(tool_label(kind) for kind in TOOLS)


def extract(path: Path, raw: bytes) -> tuple[str, str | None, Extraction]:
    """The text of a web page, Word document or PDF, the charset it was decoded from (web pages) and the record."""
    try:
        return _extract(path, raw)
    except ImportError as exc:
        raise SeedError(path, f"needs the library {exc.name or exc}, which is not installed",
                        "install the site's requirements: .venv/bin/pip install -r requirements.txt") from exc


def _extract(path: Path, raw: bytes) -> tuple[str, str | None, Extraction]:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        from build_scripts.text.formats.web import extract_page
        return extract_page(path, raw)
    if suffix == ".docx":
        from build_scripts.text.formats.word import extract_document
        text, record = extract_document(path, raw)
        return text, None, record
    if suffix == ".pdf":
        from build_scripts.text.formats.pdf import extract_pdf
        text, record = extract_pdf(path, raw)
        return text, None, record
    raise SeedError(path, f"is not a format the archive reads ({', '.join(SEED_SUFFIXES)})",
                    UNREAD_SUFFIXES.get(suffix, "save the report as a .txt (UTF-8) file"))
