"""Schemathesis against /openapi.json: generated requests to every operation, no server error, responses as documented."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from test_api_store import sample_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory):
    from newsgraph.api.app import ApiOptions, create_app
    from newsgraph.store.segments import Store

    # a generous bucket so generated /analyze calls reach the pipeline instead of stopping at 429
    options = ApiOptions(analyze_rate=1000.0, analyze_burst=1000, max_analyze_bytes=20_000)
    app = create_app(Store(sample_store(tmp_path_factory)), options=options)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_api_schema_no_server_errors(api_schema) -> None:
    # one Hypothesis run per operation (schemathesis' pytest loader does not run on this pytest)
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        run()
