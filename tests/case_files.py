"""Test cases kept as data in ``tests/cases/`` (in the manner of python-ftfy's ``tests/test-cases``).

Each file is a YAML list of cases written for the tests.  A case carries a ``label`` (or its ``text``
serves as one), an optional ``comment`` saying why it exists, and ``expect: fail`` when it is a known
failure: it then runs as a strict expected failure, so a rule that starts passing it says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
import yaml

CASES = Path(__file__).resolve().parent / "cases"


def load_cases(name: str) -> list[dict]:
    """The cases of ``tests/cases/<name>``; labels must be unique within a file."""
    cases = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    labels = [case_id(case) for case in cases]
    duplicated = sorted({label for label in labels if labels.count(label) > 1})
    assert not duplicated, f"{name}: labels used twice: {duplicated}"
    return cases


def case_id(case: dict) -> str:
    return case.get("label") or case["text"]


def cases_as_params(cases: list[dict], name: Callable[[dict], str] = case_id) -> list:
    """One ``pytest.param`` per case, a known failure (``expect: fail``) marked as a strict xfail."""
    return [pytest.param(case, id=name(case),
                         marks=[pytest.mark.xfail(strict=True, reason=case.get("comment", "known failure"))]
                         if case.get("expect") == "fail" else [])
            for case in cases]
