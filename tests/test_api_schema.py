"""The API answers as its own OpenAPI schema says, whatever it is sent (issue 12, item 14).

schemathesis generates requests from /openapi.json, valid and invalid ones, calls the app in
process (ASGI) and checks every answer: no 5xx, a status code and a content type the schema
declares, a body that matches the declared model, invalid input refused with a 4xx. The
store holds synthetic records so queries return rows. Bounded: ``MAX_EXAMPLES`` per
operation (a few hundred cases in all), no deadline (the first /api/code call loads spaCy).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from pourparler.serve import ServeOptions, create_app
from pourparler.store import Store
from test_api import _synthetic

#: Cases per operation: eight operations, so about 110 cases in all (and as many
#: invalid ones), in about 30 s on two shared cores (loading the coder takes half).
MAX_EXAMPLES = 15
#: Seconds a request may take: loading the spaCy models on a loaded machine takes ~20 s.
COLD_START_S = 120
#: The Host name schemathesis's in-process client sends; served here like any allowed name.
TEST_HOST = "testserver"


def _app() -> object:
    # built at import: schemathesis needs the schema to generate the test cases
    db = Path(tempfile.mkdtemp(prefix="pourparler-schema-")) / "schema.duckdb"
    Store(db).write(_synthetic())
    return create_app(db, ServeOptions(allow_hosts=(TEST_HOST,)))


#: A body over the size limit gets 413 and one without a length 411 before it is parsed:
#: both declared answers to an invalid request, beside schemathesis's usual 4xx.
CONFIG = SchemathesisConfig.from_str("""
[checks.negative_data_rejection]
expected-statuses = [400, 401, 403, 404, 405, 406, 409, 411, 413, 415, 422, 428, 429, "5xx"]
""")
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(), config=CONFIG)


def _conflicting(query: dict[str, Any] | None) -> bool:
    """Constraints between parameters that OpenAPI cannot state, refused with a 422 and a
    sentence (tested in test_api.py): a dyad with a source or target, since after until."""
    if not query:
        return False
    if query.get("dyad") and (query.get("source") or query.get("target")):
        return True
    since, until = query.get("since"), query.get("until")
    return isinstance(since, str) and isinstance(until, str) and since > until


def _excluded(case: schemathesis.Case) -> list[Any]:
    """Checks that do not apply to this case: a schema-valid request that the API refuses
    for a documented reason (a 422 that says why) is not a schema violation. POST /api/code
    refuses a text it cannot code (no language it knows, and no ``lang`` given)."""
    uncodable = (case.operation.method.upper(), case.operation.path) == ("POST", "/api/code")
    return [positive_data_acceptance] if uncodable or _conflicting(case.query) else []


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_the_api_keeps_to_its_schema(case: schemathesis.Case) -> None:
    # the first /api/code call loads the spaCy models: a generous timeout, no deadline
    case.call_and_validate(excluded_checks=_excluded(case), timeout=COLD_START_S)
