"""Shared fixtures. The tests run against the installed wheel: importing qrsign from the source
tree (python/qrsign) would test files that are not what users get, so that fails here."""

from __future__ import annotations

import json
import os
import pathlib
from typing import Any

import pytest

import qrsign

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"

assert "site-packages" in qrsign.__file__, f"qrsign imported from {qrsign.__file__}, not the installed wheel"


def load(name: str) -> list[dict[str, Any]]:
    with open(VECTORS / name, encoding="utf-8") as f:
        data: list[dict[str, Any]] = json.load(f)
    return data


def signing_vectors() -> list[dict[str, Any]]:
    """The shared signing vectors, or the file QRSIGN_VECTORS names (the same format)."""
    path = os.environ.get("QRSIGN_VECTORS")
    if path:
        with open(path, encoding="utf-8") as f:
            data: list[dict[str, Any]] = json.load(f)
        return data
    return load("signing-vectors.json")


def callback_cases() -> list[dict[str, Any]]:
    return load("callback-cases.json")


_vector_results: dict[str, bool] = {}


@pytest.fixture
def vector_result() -> dict[str, bool]:
    """Where the vector tests record pass/fail for the summary line."""
    return _vector_results


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _vector_results:
        passed = sum(_vector_results.values())
        failed = len(_vector_results) - passed
        terminalreporter.write_line(f"vectors: {passed} passed, {failed} failed")
