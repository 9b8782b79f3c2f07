"""Schemathesis hooks of the fuzz stage (scripts/fuzz.sh loads them with SCHEMATHESIS_HOOKS).

schemathesis.toml turns off the "missing test data" warning on the operations whose rules
depend on who asks or on what exists (it cannot turn off their "mismatch" warning alone). For
those operations, this hook writes to the file named by FUZZ_SERVED_FILE a line "called LABEL"
when the run calls one with schema-valid data, and "served LABEL" when it answers such a call
with a 2xx. scripts/fuzz.sh fails the run if an operation was called and never served: it met
only 404s and refusals, so it was not tested.
"""

import os

import schemathesis
from schemathesis.config import SchemathesisWarning
from schemathesis.generation import GenerationMode

_written: set[str] = set()


def _write(line: str) -> None:
    if line in _written:
        return
    _written.add(line)
    with open(os.environ["FUZZ_SERVED_FILE"], "a", encoding="utf-8") as served:
        served.write(line + "\n")


@schemathesis.hook
def after_call(context, case, response):
    meta = case.meta
    if meta is None or meta.generation.mode is not GenerationMode.POSITIVE:
        return
    warnings = case.operation.schema.config.warnings_for(operation=case.operation)
    if warnings.should_display(SchemathesisWarning.MISSING_TEST_DATA):
        return
    _write(f"called {case.operation.label}")
    if 200 <= response.status_code < 300:
        _write(f"served {case.operation.label}")
