"""`birge hourly` runs every app's registered hourly work; one failing job does not stop the others."""

import pytest
from django.core.management import call_command

from birge.core import registry


def test_the_apps_register_their_hourly_work():
    assert {"digests", "calls"} <= set(registry.HOURLY)


def test_every_job_runs_and_a_failing_one_stops_nothing_but_is_reported(monkeypatch, capsys, db):
    ran = []

    def broken():
        ran.append("broken")
        raise RuntimeError("mail server gone")

    monkeypatch.setattr(registry, "HOURLY", {"broken": broken, "fine": lambda: ran.append("fine") or 3})
    with pytest.raises(SystemExit) as exit_info:
        call_command("hourly")
    assert exit_info.value.code == 1
    assert ran == ["broken", "fine"]
    captured = capsys.readouterr()
    assert "fine: 3" in captured.out and "broken: failed" in captured.err
