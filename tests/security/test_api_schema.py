"""Schemathesis against the API's own OpenAPI schema: no server error, no response off-schema.

Every operation is called with generated parameters (valid and invalid) with a town officer's
token, over WSGI inside the test's transaction, on both databases. (The lazy pytest fixture
loader of schemathesis does not run under pytest 9, so the operations are walked here.)
"""

import itertools
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from qunyan.api.services import token_issue
from tests.web.conftest import residents  # noqa: F401  (people for the calls to find)

EXAMPLES = 40
# Valid requests and deliberately invalid ones (which must be refused with a 4xx, not a 500).
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
# Two checks are about the schema's expressiveness, not the server: unknown query parameters are
# ignored (as by most web APIs), and the 1900–2099 range of dates cannot be written in OpenAPI for
# a `format: date` string. Malformed known parameters are refused with 422 (tests/web/test_api.py).
EXCLUDED = [
    schemathesis.checks.negative_data_rejection,
    schemathesis.checks.positive_data_acceptance,
]


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """The project's WSGI app that, like Django's test client, keeps the test's connection open."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_operation_keeps_to_the_schema(residents, alice, wsgi_app):  # noqa: F811
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    token = token_issue(account=alice, name="schemathesis")[1]
    calls: dict[str, int] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation, mode in itertools.product(operations, MODES):
        key = f"{operation.label} {mode.value}"

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"}, excluded_checks=EXCLUDED
            )
            # Called at once below, within this iteration: the loop variable is the current one.
            calls[key] = calls.get(key, 0) + 1  # noqa: B023

        call()
    assert len(calls) == len(operations) * len(MODES) and len(operations) >= 5
    print(f"schemathesis: {len(calls)} operations, {sum(calls.values())} calls")
