"""Every shared signing vector (or a QRSIGN_VECTORS file) and callback case through the package:
canonical string and signature byte for byte, verify, verify_callback."""

from __future__ import annotations

import json
from typing import Any

import pytest

import qrsign

from conftest import callback_cases, signing_vectors

VECTORS = signing_vectors()


@pytest.mark.parametrize("v", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector(v: dict[str, Any], vector_result: dict[str, bool]) -> None:
    vector_result[v["id"]] = False
    text = v["params_json"]
    assert qrsign.canonical(text) == v["canonical"]
    assert qrsign.canonical(text.encode("utf-8")) == v["canonical"]
    assert qrsign.sign(text, v["secret"]) == v["signature"]
    assert qrsign.verify(text, v["signature"], v["secret"])
    signer = qrsign.Signer(v["secret"])
    assert signer.sign(text) == v["signature"]
    d = signer.diagnose(text, v["signature"])
    assert "natural" in d.matching and d.canonical == v["canonical"]
    # The parsed form signs the same whenever Python's json reads it without loss.
    parsed = json.loads(text)
    if json.dumps(parsed) == json.dumps(json.loads(json.dumps(parsed))) and _floats_round_trip(text):
        assert qrsign.sign(parsed, v["secret"]) == v["signature"], "dict form"
    vector_result[v["id"]] = True


def _floats_round_trip(text: str) -> bool:
    """True if every number literal in the text is what Python writes back for it."""
    seen: list[str] = []
    json.loads(text, parse_float=lambda s: seen.append(s) or float(s),
               parse_int=lambda s: seen.append(s) or int(s))
    return all(s == repr(float(s)) if any(c in s for c in ".eE") else s == str(int(s)) for s in seen)


@pytest.mark.parametrize("c", callback_cases(), ids=[c["id"] for c in callback_cases()])
def test_callback_case(c: dict[str, Any]) -> None:
    body = c["body_json"]
    cb = qrsign.verify_callback(body, c["secret"])
    want = "general.signature" if "-general-" in c["id"] else "signature"
    assert cb.signature_key == want
    assert cb.data == json.loads(body)
    with pytest.raises(qrsign.InvalidSignature):
        qrsign.verify_callback(body, c["secret"] + "x")
