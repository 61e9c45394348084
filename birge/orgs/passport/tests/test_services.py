"""The passport's section services: who may change them, uploads, finances, policies, audits, confirming a
section as current, and what is out of date."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from birge.core.models import Event
from birge.core.storage import private_storage
from birge.orgs.events import Verb
from birge.orgs.members.models import Role
from birge.orgs.passport import services
from birge.orgs.passport.models import Passport, PassportFinancialYear
from birge.orgs.passport.permissions import can_edit_passport
from birge.orgs.passport.status import completed_years, financial_year_choices, out_of_date
from birge.orgs.passport.tests.helpers import (
    disguised,
    fill_everything,
    join,
    make_org,
    pdf,
    registration,
    save_year,
    stored_files,
)

# Who may change the passport ------------------------------------------------------------------------------


def test_passport_is_created_once(org):
    assert services.passport_for(org) == services.passport_for(org)
    assert Passport.objects.count() == 1


@pytest.mark.parametrize("who", ["owner", "editor"])
def test_owner_and_editor_can_update_registration(request, who, org):
    actor = request.getfixturevalue(who)
    passport = registration(actor, org)
    assert passport.registration_number == "123456789012"
    assert can_edit_passport(actor, org)


@pytest.mark.parametrize("who", ["member", "outsider", "funder_member"])
def test_member_outsider_and_funder_cannot_update_any_section(request, who, org):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        registration(actor, org)
    with pytest.raises(PermissionDenied):
        services.passport_update_governance(actor=actor, organization=org, board="X", key_staff="")
    with pytest.raises(PermissionDenied):
        services.passport_confirm_current(actor=actor, organization=org, section="audits")
    assert not Event.objects.exists()


def test_saving_a_section_stamps_it_and_audits_what_changed(owner, org):
    passport = services.passport_update_governance(
        actor=owner, organization=org, board="  Aigul, chair \n\n Timur, treasurer ", key_staff=""
    )
    assert passport.board == "Aigul, chair\nTimur, treasurer"
    assert passport.governance_updated_at is not None
    event = Event.objects.get(verb=Verb.PASSPORT_UPDATED)
    assert (event.actor, event.target_id) == (owner, str(passport.pk))
    assert event.old == {"board": ""}
    assert event.new == {"section": "governance", "board": "Aigul, chair\nTimur, treasurer"}


def test_governance_without_a_board_is_refused(owner, org):
    with pytest.raises(ValidationError) as error:
        services.passport_update_governance(actor=owner, organization=org, board="  ", key_staff="Aigul")
    assert "board" in error.value.message_dict


# Uploads --------------------------------------------------------------------------------------------------


def test_document_is_stored_privately_under_a_name_we_make(owner, org):
    passport = registration(owner, org, registration_document=pdf("../../etc/Свидетельство.pdf"))
    name = passport.registration_document.name
    assert name.startswith("passport/registration/") and name.endswith(".pdf")
    assert "Свидетельство" not in name and ".." not in name
    assert private_storage().exists(name)
    assert Event.objects.get().new["registration_document"] == name


def test_disguised_upload_is_refused_and_nothing_changes(owner, org):
    registration(owner, org)
    passport = Passport.objects.get()
    stamp, events, files = passport.registration_updated_at, Event.objects.count(), stored_files()
    with pytest.raises(ValidationError) as error:
        services.passport_update_registration(
            actor=owner,
            organization=org,
            registration_number="999",
            registration_date=None,
            registration_authority="",
            registration_document=pdf(),
            charter_document=disguised(),
        )
    assert list(error.value.message_dict) == ["charter_document"]
    passport.refresh_from_db()
    assert (passport.registration_number, passport.registration_updated_at) == ("123456789012", stamp)
    assert not passport.registration_document and not passport.charter_document
    assert Event.objects.count() == events
    assert stored_files() == files


def test_replaced_document_is_removed_only_after_commit(owner, org, django_capture_on_commit_callbacks):
    old = registration(owner, org, registration_document=pdf()).registration_document.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        new = registration(owner, org, registration_document=pdf()).registration_document.name
    assert new != old and private_storage().exists(old)
    for callback in callbacks:
        callback()
    assert not private_storage().exists(old) and private_storage().exists(new)


def test_a_failed_save_leaves_no_stored_file(owner, org, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("birge.orgs.passport.writing.record_event", broken)
    files = stored_files()
    with pytest.raises(RuntimeError):
        registration(owner, org, registration_document=pdf())
    assert stored_files() == files
    assert Passport.objects.get().registration_updated_at is None


# Finances, policies, audits -------------------------------------------------------------------------------


def test_financial_year_is_one_of_the_last_three_completed_or_the_current(owner, org):
    this_year = timezone.localdate().year
    assert financial_year_choices() == [this_year, this_year - 1, this_year - 2, this_year - 3]
    for year in (this_year - 4, this_year + 1):
        with pytest.raises(ValidationError) as error:
            save_year(owner, org, year)
        assert "year" in error.value.message_dict
    assert not PassportFinancialYear.objects.exists()


def test_saving_a_year_again_corrects_it(owner, org):
    year = completed_years()[0]
    save_year(owner, org, year, income_foreign="1000", expenditure="900")
    row = save_year(owner, org, year, income_foreign="1200", expenditure="900", report_document=pdf())
    assert PassportFinancialYear.objects.get() == row
    assert row.income_foreign == Decimal("1200") and row.report_document
    event = Event.objects.filter(verb=Verb.PASSPORT_UPDATED).latest("id")
    assert event.old["income_foreign"] == "1000.00" and event.new["income_foreign"] == "1200"
    assert event.new["year"] == year


def test_negative_amounts_are_refused(owner, org):
    with pytest.raises(ValidationError) as error:
        save_year(owner, org, completed_years()[0], expenditure="-5")
    assert "expenditure" in error.value.message_dict


def test_policy_is_saved_once_per_kind(owner, org):
    services.policy_save(actor=owner, organization=org, kind="safeguarding", adopted_on=None)
    policy = services.policy_save(
        actor=owner, organization=org, kind="safeguarding", adopted_on=timezone.localdate(), document=pdf()
    )
    assert org.passport.policies.get() == policy and policy.document
    with pytest.raises(ValidationError):
        services.policy_save(actor=owner, organization=org, kind="dress_code", adopted_on=None)


def test_audit_is_added_and_corrected_but_not_through_another_organization(owner, org):
    audit = services.audit_save(actor=owner, organization=org, year=2023, auditor="Baker Tilly", opinion="")
    services.audit_save(
        actor=owner, organization=org, audit=audit, year=2023, auditor="Baker Tilly", opinion="unqualified"
    )
    audit.refresh_from_db()
    assert audit.opinion == "unqualified"
    other = make_org("other")
    join(owner, other, Role.OWNER)
    with pytest.raises(PermissionDenied):
        services.audit_save(actor=owner, organization=other, audit=audit, year=2022, auditor="X", opinion="")


def test_confirming_a_section_restarts_its_twelve_months(owner, org):
    services.passport_update_governance(actor=owner, organization=org, board="Aigul", key_staff="")
    Passport.objects.update(governance_updated_at=timezone.now() - timedelta(days=400))
    passport = services.passport_confirm_current(actor=owner, organization=org, section="governance")
    assert timezone.now() - passport.governance_updated_at < timedelta(minutes=1)
    event = Event.objects.filter(verb=Verb.PASSPORT_UPDATED).latest("id")
    assert event.new["section"] == "governance" and event.new["confirmed"] is True


def test_an_empty_section_cannot_be_confirmed_but_having_no_audit_can(owner, org):
    with pytest.raises(ValidationError):
        services.passport_confirm_current(actor=owner, organization=org, section="registration")
    passport = services.passport_confirm_current(actor=owner, organization=org, section="audits")
    assert passport.audits_updated_at is not None


# What is out of date --------------------------------------------------------------------------------------


def gaps_of(org) -> list:
    """The gaps with their messages in English, which the assertions below read."""
    passport = Passport.objects.get(organization=org)
    with translation.override("en"):
        return out_of_date(
            passport, financial_years=passport.financial_years.all(), policies=passport.policies.all()
        )


def test_a_new_passport_shows_every_section_as_not_filled(org):
    services.passport_for(org)
    gaps = gaps_of(org)
    assert [gap.section for gap in gaps if "not filled" in gap.message] == [
        "registration",
        "governance",
        "finances",
        "policies",
        "audits",
    ]


def test_a_complete_and_recent_passport_has_no_gaps(owner, org):
    fill_everything(owner, org)
    assert gaps_of(org) == []


def test_a_section_not_confirmed_for_a_year_is_out_of_date(owner, org):
    fill_everything(owner, org)
    Passport.objects.update(registration_updated_at=timezone.now() - timedelta(days=366))
    assert [(gap.section, "twelve months" in gap.message) for gap in gaps_of(org)] == [("registration", True)]


def test_finances_missing_a_completed_year_are_out_of_date(owner, org):
    fill_everything(owner, org)
    missing = completed_years()[1]
    PassportFinancialYear.objects.filter(year=missing).delete()
    assert [gap.message for gap in gaps_of(org)] == [f"Finances: the year {missing} is missing."]


def test_a_policy_without_its_document_is_out_of_date(owner, org):
    fill_everything(owner, org)
    org.passport.policies.filter(kind="safeguarding").update(document="")
    assert [gap.message for gap in gaps_of(org)] == ["Policy on safeguarding: no document."]
