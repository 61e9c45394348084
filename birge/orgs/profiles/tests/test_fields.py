"""The field registry is the one place a field of a profile is defined: every part that shows, edits,
exports or indexes a field follows it, and a new column cannot slip out unclassified."""

import pytest

from birge.orgs.admin import OrganizationAdmin
from birge.orgs.api import OrganizationOut
from birge.orgs.editing.forms import CapacityForm, ContactsForm
from birge.orgs.profiles import fields
from birge.orgs.profiles.fields import (
    GROUPS,
    PUBLIC,
    SENSITIVE_FIELDS,
    TRANSLATED,
    VISIBILITY_SETTINGS,
    Visibility,
)
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.private_reads import private_fields_read
from birge.orgs.profiles.visibility import present
from birge.orgs.search import entries

# Columns no view ever shows: bookkeeping, and the themes, which have their own service and relation.
INTERNAL = {"id", "created_at", "updated_at", "themes"}


def test_every_column_of_an_organization_is_classified():
    columns = {field.name for field in Organization._meta.get_fields() if field.concrete}
    translated = set(fields.in_every_language())
    unclassified = columns - PUBLIC - SENSITIVE_FIELDS - set(VISIBILITY_SETTINGS) - translated - INTERNAL
    assert not unclassified, f"add these to profiles/fields.py: {sorted(unclassified)}"


def test_each_group_has_its_setting_column_with_the_conservative_default():
    for group in GROUPS:
        column = Organization._meta.get_field(group.setting)
        assert column.default == group.default
        assert str(column.verbose_name) == str(group.question)


def test_every_setting_is_on_one_editing_step_next_to_its_fields():
    on_forms = [name for form in (ContactsForm, CapacityForm) for name in form._meta.fields]
    assert sorted(name for name in on_forms if name in VISIBILITY_SETTINGS) == sorted(VISIBILITY_SETTINGS)
    for group in GROUPS:
        assert set(group.fields) <= set(on_forms)


def test_the_api_schema_offers_every_sensitive_field_as_optional():
    schema = OrganizationOut.model_fields
    for name in SENSITIVE_FIELDS:
        assert name in schema and not schema[name].is_required()
    assert {"name", "description", "offers", "needs"} <= set(schema)


def test_the_admin_keeps_every_sensitive_field_off_its_pages():
    assert set(OrganizationAdmin.exclude) == SENSITIVE_FIELDS


def test_search_indexes_every_translated_text_in_every_language_and_nothing_sensitive():
    indexed = set(entries.FIELDS)
    assert set(fields.in_every_language(TRANSLATED)) <= indexed
    assert not indexed & SENSITIVE_FIELDS


@pytest.mark.django_db
def test_a_site_administrator_reads_every_sensitive_field_by_group(org, site_admin):
    values = private_fields_read(actor=site_admin, organization=org, reason="A complaint, No. 12")
    assert {name for group in values.values() for name in group} == SENSITIVE_FIELDS


@pytest.mark.django_db
def test_a_member_gets_every_field_in_the_data_and_an_anonymous_reader_only_public_groups(org, alice):
    assert set(present(org, alice).data()) >= SENSITIVE_FIELDS
    public_groups = {name for group in GROUPS if group.default == Visibility.PUBLIC for name in group.fields}
    assert public_groups  # staff counts are public by default
    assert SENSITIVE_FIELDS & set(present(org, None).data()) == public_groups
