"""The admin reads organizations, members, claims and verifications; every change goes through services."""

import pytest


@pytest.mark.parametrize("model", ["organization", "membership", "claim", "verification"])
def test_site_admin_reads_but_cannot_add_change_or_delete(client, site_admin, org, model):
    client.force_login(site_admin)
    assert client.get(f"/admin/orgs/{model}/").status_code == 200
    assert client.get(f"/admin/orgs/{model}/add/").status_code == 403


def test_an_organization_opens_read_only_in_the_admin(client, site_admin, org):
    client.force_login(site_admin)
    page = client.get(f"/admin/orgs/organization/{org.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/orgs/organization/{org.pk}/delete/", {"post": "yes"}).status_code == 403
