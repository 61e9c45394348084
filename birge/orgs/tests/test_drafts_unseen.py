"""A draft is seen by its members only, and nothing tells an outsider that it exists: every address under
it answers 404, exactly as an address where nothing exists does, and its identifier is not named as taken."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from birge.core.models import Country
from birge.orgs.members.models import Invitation, Membership, Role
from birge.orgs.profiles.services import organization_create
from birge.orgs.tests.factories import OrganizationFactory, with_member

GET_PAGES = [
    "/ru/orgs/{slug}/edit/basics/",
    "/ru/orgs/{slug}/edit/contacts/",
    "/ru/orgs/{slug}/members/",
    "/ru/orgs/{slug}/partners/",
    "/ru/orgs/{slug}/passport/",
    "/ru/orgs/{slug}/passport/edit/registration/",
    "/ru/orgs/{slug}/passport/sharing/",
    "/ru/orgs/{slug}/passport/documents/registration/",
    "/ru/orgs/{slug}/verify/",
    "/ru/orgs/{slug}/claim/",
]
POST_PAGES = [
    "/ru/orgs/{slug}/publish/",
    "/ru/orgs/{slug}/leave/",
    "/ru/orgs/{slug}/members/{membership}/",
    "/ru/orgs/{slug}/invitations/{invitation}/revoke/",
    "/ru/orgs/{slug}/partners/{slug}/remove/",
    "/ru/orgs/{slug}/passport/confirm/registration/",
    "/ru/orgs/{slug}/passport/sharing/1/revoke/",
]


@pytest.fixture
def draft(reference, alice):
    organization = with_member(OrganizationFactory(draft=True, name="Черновик"), alice, Role.OWNER)
    Invitation.objects.create(
        organization=organization,
        email="x@example.org",
        role=Role.MEMBER,
        token_hash="h",
        expires_at=timezone.now() + timedelta(days=7),
    )
    return organization


def _paths(pages, draft) -> list[tuple[str, str]]:
    membership = Membership.objects.get(organization=draft).pk
    invitation = Invitation.objects.get(organization=draft).pk
    return [
        (
            page.format(slug=draft.slug, membership=membership, invitation=invitation),
            page.format(slug="no-such-organization", membership=membership, invitation=invitation),
        )
        for page in pages
    ]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "hub_admin"])
def test_every_address_of_a_draft_answers_an_outsider_as_a_missing_one_does(client, draft, bob, hub_kz, who):
    if who != "anonymous":
        client.force_login({"outsider": bob, "hub_admin": hub_kz}[who])
    for existing, missing in _paths(GET_PAGES, draft):
        got, expected = client.get(existing), client.get(missing)
        assert got.status_code == expected.status_code, existing
        assert got.status_code in {302, 404}, existing  # 302: to the login page, before any lookup
    for existing, missing in _paths(POST_PAGES, draft):
        got, expected = client.post(existing), client.post(missing)
        assert got.status_code == expected.status_code, existing
        assert got.status_code in {302, 404}, existing
    assert Membership.objects.filter(organization=draft).count() == 1
    assert not draft.__class__.objects.get(pk=draft.pk).is_published


def test_the_draft_pages_still_open_for_its_owner(client, draft, alice):
    client.force_login(alice)
    for page in ["/ru/orgs/{slug}/edit/basics/", "/ru/orgs/{slug}/members/", "/ru/orgs/{slug}/passport/"]:
        assert client.get(page.format(slug=draft.slug)).status_code == 200


@translation.override("en")
def test_an_identifier_held_by_a_draft_is_not_named_as_taken(reference, alice, bob):
    draft = with_member(OrganizationFactory(draft=True, identifier="KZ-BIN-990240001234"), alice, Role.OWNER)
    published = OrganizationFactory(identifier="KZ-BIN-990240005678")
    kazakhstan = Country.objects.get(code="KZ")
    with pytest.raises(Exception) as refused:
        organization_create(
            actor=bob, kind="cso", name="Новая", country=kazakhstan, original_language="ru",
            identifier=draft.identifier,
        )  # fmt: skip
    message = " ".join(refused.value.message_dict["identifier"])
    assert "cannot be used" in message
    assert "already has" not in message and "claim" not in message
    with pytest.raises(Exception) as public:
        organization_create(
            actor=bob, kind="cso", name="Другая", country=kazakhstan, original_language="ru",
            identifier=published.identifier,
        )  # fmt: skip
    assert "claim" in " ".join(public.value.message_dict["identifier"])
