"""The export's address and its limits: only the two formats it writes are routes, a hostile extension is a
plain 404 (never a header it splits, never a 500), anonymous downloads are throttled per address, and they
are counted rather than audited."""

import pytest
from django.test import override_settings

from birge.core.models import Event, UsageCount
from birge.orgs.events import Verb

HOSTILE_PATHS = [
    "/ru/orgs/export.pdf",
    "/ru/orgs/export.csv.exe",
    '/ru/orgs/export.csv";x=1',
    "/ru/orgs/export.csv%0D%0ASet-Cookie:%20a=b",
    "/ru/orgs/export.x%0Ay",
    "/ru/orgs/export.x%00",
    "/ru/orgs/export.%0D",
    "/ru/orgs/export.",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_any_other_extension_is_not_found(client, reference, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Content-Disposition" not in response and "Set-Cookie: a" not in str(response.headers)


@pytest.mark.parametrize(("extension", "kind"), [("csv", "text/csv"), ("xlsx", "spreadsheetml")])
def test_the_two_formats_name_their_file_and_type(client, org, extension, kind):
    response = client.get(f"/ru/orgs/export.{extension}")
    assert response.status_code == 200 and kind in response["Content-Type"]
    assert response["Content-Disposition"].startswith('attachment; filename="birge-organizations-')
    assert response["Content-Disposition"].endswith(f'.{extension}"')


def test_downloads_are_counted_per_day_and_not_audited(client, org, alice):
    client.get("/ru/orgs/export.csv")
    client.get("/ru/orgs/export.csv", {"q": "Арго"})
    client.force_login(alice)
    client.get("/ru/orgs/export.xlsx")
    counts = dict(UsageCount.objects.values_list("name", "count"))
    assert counts == {"orgs.export.csv": 2, "orgs.export.xlsx": 1}
    assert not Event.objects.filter(verb=Verb.ORG_EXPORTED).exists()


@override_settings(EXPORT_RATE_LIMIT_ANONYMOUS="3/h", EXPORT_RATE_LIMIT="5/h")
def test_anonymous_downloads_are_throttled_per_address(client, org, alice):
    statuses = [client.get("/ru/orgs/export.csv").status_code for _n in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/en/orgs/export.xlsx")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many attempts" in refused.content.decode()
    # Another address has its own allowance; a random X-Forwarded-For is not another address.
    assert client.get("/ru/orgs/export.csv", REMOTE_ADDR="203.0.113.9").status_code == 200
    assert client.get("/ru/orgs/export.csv", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # A signed-in reader is counted as a person, with the signed-in allowance.
    client.force_login(alice)
    assert [client.get("/ru/orgs/export.csv").status_code for _n in range(6)] == [200] * 5 + [429]
    assert UsageCount.objects.get(name="orgs.export.csv").count == 3 + 1 + 5
