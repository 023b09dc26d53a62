"""Hypothesis: a dict signs as its JSON text does; what is signed verifies; and any JSON-like
input, however hostile, raises only qrsign.Error subclasses or TypeError (never a crash, a
PanicException or a SystemError)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import qrsign

keys = st.text(max_size=12)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
documents = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=6), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=40,
).filter(lambda d: isinstance(d, (dict, list)))


def _no_surrogates(v: Any) -> bool:
    if isinstance(v, str):
        return not any(0xD800 <= ord(c) <= 0xDFFF for c in v)
    if isinstance(v, dict):
        return all(_no_surrogates(k) and _no_surrogates(x) for k, x in v.items())
    if isinstance(v, list):
        return all(_no_surrogates(x) for x in v)
    return True


def _deep(v: Any) -> int:
    if isinstance(v, dict):
        return 1 + max((_deep(x) for x in v.values()), default=0)
    if isinstance(v, list):
        return 1 + max((_deep(x) for x in v), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(documents)
def test_a_dict_signs_as_its_json_text(doc: Any) -> None:
    try:
        ours = qrsign.sign(doc, "k")
    except qrsign.LimitExceeded:
        return  # more than 384 values, or nested past 32
    assert ours == qrsign.sign(json.dumps(doc), "k")
    assert ours == qrsign.sign(json.dumps(doc, ensure_ascii=False).encode("utf-8"), "k")
    assert qrsign.verify(doc, ours, "k")
    assert qrsign.canonical(doc) == qrsign.canonical(json.dumps(doc))


hostile_scalars = st.one_of(
    scalars,
    st.floats(),  # NaN and infinities
    st.integers(min_value=-(10**6000), max_value=10**6000),
    st.binary(max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.sampled_from([object(), 1j, set(), b"x", bytearray(b"y")]),
)
hostile = st.recursive(
    hostile_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(keys, st.integers(), st.none(), st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1)), inner, max_size=5),
        st.tuples(inner, inner),
    ),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None)
@given(hostile)
def test_hostile_input_raises_only_qrsign_errors(value: Any) -> None:
    for call in (lambda: qrsign.sign(value, "k"), lambda: qrsign.canonical(value),
                 lambda: qrsign.verify_callback(value, "k"), lambda: qrsign.gate_body(value, "k")):
        try:
            call()
        except (qrsign.Error, TypeError):
            pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    for call in (lambda: qrsign.sign(data, "k"), lambda: qrsign.verify_callback(data, "k"),
                 lambda: qrsign.display_data(data), lambda: qrsign.decode_img_src(data),
                 lambda: qrsign.diagnose(data, None, "k"), lambda: qrsign.qr(data)):
        try:
            call()
        except qrsign.Error:
            pass


def test_deep_nesting_and_huge_ints() -> None:
    deep: Any = 1
    for _ in range(10_000):
        deep = [deep]
    try:
        qrsign.sign(deep, "k")
        raise AssertionError("nesting past the limit was signed")
    except qrsign.LimitExceeded as e:
        assert e.limit == 32
    # Past CPython's int-to-text limit: a clear error, not Python's ValueError.
    try:
        qrsign.sign({"n": 10**5000}, "k")
    except qrsign.LimitExceeded:
        pass
    # Big ints sign as the literal: the core treats it as PHP does (a float, INF here).
    assert qrsign.canonical({"n": 10**400}) == "n:INF"
    assert qrsign.canonical({"n": 2**63}) == qrsign.canonical(b'{"n":9223372036854775808}')
