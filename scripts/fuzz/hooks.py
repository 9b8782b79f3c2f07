"""Schemathesis hooks of the fuzz stage (scripts/fuzz.sh loads them with SCHEMATHESIS_HOOKS).

Records every operation that served a request made of schema-valid data (a 2xx answer), one label
per line in the file named by FUZZ_SERVED_FILE. The fuzz stage requires that the operations whose
"missing test data" warning schemathesis cannot show on its own (see schemathesis.toml) appear
there: an operation that never got past 404s and refusals was not tested.
"""

import os

import schemathesis
from schemathesis.generation import GenerationMode

_served: set[str] = set()


@schemathesis.hook
def after_call(context, case, response):
    meta = case.meta
    if meta is None or meta.generation.mode is not GenerationMode.POSITIVE:
        return
    if not 200 <= response.status_code < 300 or case.operation.label in _served:
        return
    _served.add(case.operation.label)
    with open(os.environ["FUZZ_SERVED_FILE"], "a", encoding="utf-8") as served:
        served.write(case.operation.label + "\n")
