"""The read API answers as its OpenAPI description says, checked by schemathesis with every check it has.

Schemathesis builds valid and invalid requests from the description and sends them to a live server over
the demo data, in both of CI's passes (SQLite, then PostgreSQL with Redis): every answer must be
documented with its body, every valid request accepted, every invalid one refused with a 4xx. It runs as
its command line does (all phases, stateful included), bounded in cases and time and deterministic,
so a failure here is a change in the code, not luck. (Its pytest plugin is not used: schemathesis 4.32
reads `Node._nodeid`, which pytest 9 no longer has.)

By hand, against `make demo` (whose limit of 120 requests a minute answers most cases with a 429):
    schemathesis run --checks all http://127.0.0.1:8000/api/v1/openapi.json
"""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import schemathesis
from django.core.management import call_command

DESCRIPTION = "/api/v1/openapi.json"
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


@pytest.fixture
def demo_data(transactional_db):
    call_command("demo", "--no-migrate", stdout=StringIO())


def test_schemathesis_finds_every_answer_as_described(live_server, demo_data, settings, tmp_path):
    # Hundreds of requests in seconds: under the real limits nearly every answer would be the 429 and the
    # logic behind it untested. The 429 itself is held to its description by the next test.
    settings.BIRGE_API_RATES = {"anonymous": "100000/m", "user": "100000/m"}
    command = [
        str(SCHEMATHESIS), "run", f"{live_server.url}{DESCRIPTION}",
        "--checks", "all",
        "--max-examples", "25",
        "--generation-deterministic",
        "--no-color",
    ]  # fmt: skip
    # Straight to the live server: no HTTP proxy of the environment in between.
    environment = {key: value for key, value in os.environ.items() if "proxy" not in key.lower()}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=400, cwd=tmp_path, env=environment
    )
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout, result.stdout[-3000:]


def test_a_throttled_request_is_answered_as_described(live_server, transactional_db, settings):
    settings.BIRGE_API_RATES = {"anonymous": "3/m", "user": "3/m"}  # the real limits: test_api.py
    description = schemathesis.openapi.from_url(f"{live_server.url}{DESCRIPTION}")
    operation = description["/api/v1/organizations/"]["GET"]
    answers = [operation.Case(query={"per_page": 1}).call() for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["retry-after"][0]) > 0
    operation.Case(query={"per_page": 1}).validate_response(answers[-1])
