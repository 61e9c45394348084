import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Country, Event, Region, ThematicArea
from birge.orgs.events import Verb
from birge.orgs.members.models import Role
from birge.orgs.partners.models import Partnership
from birge.orgs.partners.services import partner_add, partner_remove
from birge.orgs.profiles.models import Organization, Visibility
from birge.orgs.profiles.services import (
    organization_create,
    organization_publish,
    organization_set_themes,
    organization_set_visibility,
    organization_update,
)
from birge.orgs.tests.factories import OrganizationFactory


def _create(actor, **fields):
    defaults = {
        "kind": "cso",
        "name": "Қамқор",
        "country": Country.objects.get(code="KZ"),
        "original_language": "kk",
    }
    return organization_create(actor=actor, **{**defaults, **fields})


def test_creator_becomes_owner_of_a_draft_with_a_readable_address(reference, alice):
    organization = _create(alice, identifier="kz-bin-1234 5678 9012")
    assert organization.memberships.get().user == alice
    assert organization.memberships.get().role == Role.OWNER
    assert organization.slug == "qamqor" and not organization.is_published
    assert organization.name_kk == "Қамқор" and organization.identifier == "KZ-BIN-123456789012"
    assert Event.objects.filter(verb=Verb.ORG_CREATED, actor=alice).count() == 1


def test_invalid_identifier_is_refused_and_nothing_is_created(reference, alice):
    with pytest.raises(ValidationError) as error:
        _create(alice, identifier="KZ-BIN-12345")
    assert "12" in " ".join(error.value.messages)
    assert not Organization.objects.exists() and not Event.objects.filter(verb=Verb.ORG_CREATED).exists()


def test_two_organizations_cannot_hold_the_same_identifier(reference, alice, bob):
    _create(alice, identifier="KZ-BIN-123456789012")
    with pytest.raises(ValidationError) as error:
        _create(bob, name="Другая", identifier="KZ-BIN-123456789012")
    assert "identifier" in error.value.error_dict
    assert Organization.objects.count() == 1


def test_turkmen_cso_without_a_register_gets_a_platform_identifier(reference, alice):
    organization = _create(
        alice, name="Ýaşlar merkezi", country=Country.objects.get(code="TM"), original_language="tk"
    )
    assert organization.identifier == f"BIRGE-TM-{organization.pk:06d}"


def test_kazakh_cso_without_identifier_gets_none_issued(reference, alice):
    assert _create(alice).identifier is None


def test_legal_form_must_fit_the_kind_and_region_the_country(reference, alice):
    with pytest.raises(ValidationError) as error:
        _create(
            alice,
            kind="donor",
            legal_form="ministry",
            region=Region.objects.filter(country__code="TJ").first(),
        )
    assert set(error.value.error_dict) == {"legal_form", "region"}


def test_only_editors_update_and_the_audit_masks_sensitive_values(org, alice, editor, member, bob):
    for outsider in (member, bob):
        with pytest.raises(PermissionDenied):
            organization_update(actor=outsider, organization=org, website="https://x.example")
    organization_update(actor=editor, organization=org, funding_foreign=55, website="https://argo.example.kz")
    event = Event.objects.get(verb=Verb.ORG_UPDATED)
    assert event.actor == editor
    assert event.new == {"funding_foreign": "•", "website": "https://argo.example.kz"}


def test_funding_over_100_percent_is_refused_and_nothing_changes(org, alice):
    with pytest.raises(ValidationError):
        organization_update(actor=alice, organization=org, funding_state=50)  # 70 + 50
    org.refresh_from_db()
    assert org.funding_state == 20


def test_visibility_change_is_audited_and_validated(org, alice):
    organization_set_visibility(actor=alice, organization=org, funding_visibility=Visibility.PARTNERS)
    assert Event.objects.get(verb=Verb.ORG_VISIBILITY_CHANGED).new == {"funding_visibility": "partners"}
    with pytest.raises(ValidationError):
        organization_set_visibility(actor=alice, organization=org, funding_visibility="everyone-ever")


def test_themes_are_set_and_audited(org, alice):
    themes = list(ThematicArea.objects.filter(parent__isnull=True)[:2])
    organization_set_themes(actor=alice, organization=org, themes=themes)
    assert set(org.themes.all()) == set(themes)
    assert Event.objects.get(verb=Verb.ORG_UPDATED).new == {"themes": sorted(t.slug for t in themes)}


def test_only_owner_publishes(reference, alice, bob):
    organization = _create(alice)
    with pytest.raises(PermissionDenied):
        organization_publish(actor=bob, organization=organization)
    organization_publish(actor=alice, organization=organization)
    assert organization.is_published and Event.objects.filter(verb=Verb.ORG_PUBLISHED).exists()


def test_partners_are_listed_and_removed_by_editors(org, alice, bob):
    other = OrganizationFactory()
    with pytest.raises(PermissionDenied):
        partner_add(actor=bob, organization=org, partner=other)
    partner_add(actor=alice, organization=org, partner=other)
    with pytest.raises(ValidationError):
        partner_add(actor=alice, organization=org, partner=org)
    assert Partnership.objects.filter(organization=org, partner=other).exists()
    partner_remove(actor=alice, organization=org, partner=other)
    assert not Partnership.objects.exists()
    assert Event.objects.filter(verb__in=[Verb.ORG_PARTNER_ADDED, Verb.ORG_PARTNER_REMOVED]).count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name_ru", "Арго\r\nBcc: all@example.org"),
        ("contact_name", "Данияр\x00"),
        ("acronym_en", "AR\u202eGO"),
    ],
)
def test_the_service_refuses_control_characters_whatever_sent_them(org, alice, field, value):
    with pytest.raises(ValidationError) as refused:
        organization_update(actor=alice, organization=org, **{field: value})
    assert field in refused.value.message_dict
    org.refresh_from_db()
    assert getattr(org, field) != value


def test_descriptions_keep_their_line_breaks(org, alice):
    organization_update(actor=alice, organization=org, description_ru="Первая строка.\r\nВторая строка.")
    org.refresh_from_db()
    assert "\n" in org.description_ru


def test_a_value_stored_before_the_rule_does_not_block_editing_another_field(org, alice):
    Organization.objects.filter(pk=org.pk).update(contact_name="Старое\tимя")  # imported long ago
    org.refresh_from_db()
    organization_update(actor=alice, organization=org, website="https://argo.kz")
    org.refresh_from_db()
    assert org.website == "https://argo.kz"
