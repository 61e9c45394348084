"""The hub's views: claim evidence downloads."""

from django.core.files.uploadedfile import SimpleUploadedFile

from birge.orgs.claims.services import claim_submit
from birge.orgs.claims.tests.test_services import PDF


def test_claim_evidence_is_downloaded_as_an_attachment_no_cache_keeps(client, org, bob, hub_kz):
    claim = claim_submit(
        actor=bob,
        organization=org,
        kind="recovery",
        position="Директор",
        evidence="Приказ № 12",
        evidence_file=SimpleUploadedFile("order.pdf", PDF),
    )
    for user in (hub_kz, bob):
        client.force_login(user)
        response = client.get(f"/ru/orgs/hub/claims/{claim.pk}/document/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Cache-Control"] == "private, no-store"
