"""Runs one official SDK (the payment_page_sdk module on PYTHONPATH) over a batch of jobs from
stdin and prints the results as JSON: the oracle side of test_sdk_oracle.py. Not a test file."""

import json
import sys

from payment_page_sdk.callback import Callback
from payment_page_sdk.signature_handler import SignatureHandler


def run(job):
    handler = SignatureHandler(job["secret"])
    if job["op"] == "sign":
        return handler.sign(job["params"])
    try:
        Callback(job["body"], handler)
        return True
    except Exception:  # the SDK raises ProcessException (or worse) on a bad signature
        return False


print(json.dumps([run(job) for job in json.load(sys.stdin)]))
