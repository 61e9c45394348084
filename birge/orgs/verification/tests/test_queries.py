"""The hub administrator's page of one organization's verification takes as many queries for a long history
of checks and revocations as for a single check."""

from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.verification.services import organization_verify, verification_revoke

CHECKED = {"registration_document_seen": True, "identifier_matches": True, "contacts_confirmed": True}


def checked_again(organization, hub, *, times: int) -> None:
    """Revoke the current check and verify again, `times` times: the organization stays verified."""
    for n in range(times):
        verification_revoke(actor=hub, organization=organization, reason=f"Checked again, round {n}")
        organization_verify(actor=hub, organization=organization, **CHECKED)


def test_the_verification_page_takes_as_many_queries_for_a_long_history_as_for_one_check(client, org, hub_kz):
    organization_verify(actor=hub_kz, organization=org, **CHECKED)
    client.force_login(hub_kz)
    url = f"/en/orgs/{org.slug}/verify/"
    client.get(url)
    few = counted_get(client, url)
    checked_again(org, hub_kz, times=8)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "Revoke verification" in page and 'name="reason"' in page
    assert page.count("by Hub KZ") == 9 and page.count("Checked again, round") == 8
    # The session and the user, the organization with its country, the hub's countries, and the history
    # with its verifiers and revokers.
    assert_same_queries(few, many, at_most=5)
