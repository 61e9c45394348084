"""Deleting an account leaves no e-mail address, name or file of the person anywhere, and never leaves an
organization with members and no owner."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import FileField
from django_tasks_db.models import DBTaskResult

from birge.accounts import services
from birge.accounts.events import Verb
from birge.accounts.models import User
from birge.core.models import Country, Event
from birge.core.storage import private_storage
from birge.orgs.claims.models import Claim
from birge.orgs.claims.services import claim_approve, claim_submit
from birge.orgs.events import Verb as OrgVerb
from birge.orgs.hubs.models import HubAdministrator
from birge.orgs.hubs.services import hub_admin_assign
from birge.orgs.members.models import Invitation, Role
from birge.orgs.members.services import (
    invitation_accept,
    invitation_create,
    invitation_revoke,
    member_change_role,
    member_remove,
)
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.services import organization_update
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import PASSWORD, make_user

NAME = "Алиса Секретова"
EMAIL, WORK_EMAIL = "alice.s@example.org", "alice.work@example.org"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def private_folder(tmp_path, monkeypatch):
    """The private storage as files in a folder of this test, for `private_storage()` and every model field
    that uses it. The storage handler's cached instance is swapped, not `settings.STORAGES`: changing the
    setting would make every later test get a new, empty in-memory storage."""
    storage = FileSystemStorage(location=tmp_path)
    original = private_storage()
    monkeypatch.setitem(storages._storages, "private", storage)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and field.storage is original:
                monkeypatch.setattr(field, "storage", storage)
    assert private_storage() is storage
    return tmp_path


def files_in(folder) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def _texts(value) -> list[str]:
    """A column's value as text, JSON also decoded (SQLite keeps non-ASCII characters escaped in it)."""
    if value is None:
        return []
    if isinstance(value, memoryview | bytes):
        value = bytes(value).decode("utf-8", "ignore")
    if isinstance(value, dict | list):
        return [json.dumps(value, ensure_ascii=False)]
    text = str(value)
    try:
        return [text, json.dumps(json.loads(text), ensure_ascii=False)]
    except (ValueError, TypeError):
        return [text]


def everywhere_in_the_database(needles: list[str]) -> list[str]:
    """Every table, every column, every row; and the contents of every session."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from introspection
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    for text in _texts(value):
                        found += [f"{table}.{column}: {n}" for n in needles if n.lower() in text.lower()]
    for session in Session.objects.all():
        decoded = json.dumps(session.get_decoded(), ensure_ascii=False, default=str).lower()
        found += [f"session {session.pk}: {n}" for n in needles if n.lower() in decoded]
    return sorted(set(found))


@pytest.fixture
def alice_with_history(reference, private_folder, django_capture_on_commit_callbacks):
    """A person who has done, and had done to her, everything that leaves a trace of her in the directory
    — each through the real services."""
    kz = Country.objects.get(code="KZ")
    alice = make_user(EMAIL, display_name="Alice")
    EmailAddress.objects.create(user=alice, email=WORK_EMAIL, verified=True, primary=False)
    bob = make_user("bob.b@example.org", display_name="Bob")
    hub = make_user("hub.kz@example.org", display_name="Hub")
    HubAdministrator.objects.create(user=hub, country=kz)
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_update(actor=alice, user=alice, display_name=NAME, language="ru", time_zone="UTC")
        hub_admin_assign(actor=None, user=alice, country=kz)

        # Invited, joined, promoted and removed; invited again at another address (revoked, then waiting).
        bobs = with_member(OrganizationFactory(name="Организация Боба"), bob, Role.OWNER)
        _invitation, token = invitation_create(actor=bob, organization=bobs, email=EMAIL, role=Role.MEMBER)
        membership = invitation_accept(user=alice, token=token)
        member_change_role(actor=bob, membership=membership, role=Role.EDITOR)
        member_remove(actor=bob, membership=membership)
        revoked, _token = invitation_create(actor=bob, organization=bobs, email=WORK_EMAIL, role=Role.MEMBER)
        invitation_revoke(actor=bob, invitation=revoked)
        invitation_create(actor=bob, organization=bobs, email=WORK_EMAIL, role=Role.EDITOR)

        # Her own organization, where she is the contact person.
        own = with_member(OrganizationFactory(name="Своя организация"), alice, Role.OWNER)
        organization_update(actor=alice, organization=own, contact_name=NAME, contact_email=EMAIL)

        # A claim approved with evidence, another waiting; and an organization recovered from her by Bob.
        ministry = OrganizationFactory(kind="government", legal_form="ministry", name="Министерство")
        approved = claim_submit(
            actor=alice,
            organization=ministry,
            kind=Claim.Kind.CLAIM,
            position="Пресс-секретарь",
            evidence=f"Звоните: {NAME}, {WORK_EMAIL}",
            evidence_file=SimpleUploadedFile("order.pdf", PDF),
        )
        claim_approve(actor=hub, claim=approved)
        claim_submit(
            actor=alice,
            organization=OrganizationFactory(name="Ещё одна"),
            kind=Claim.Kind.CLAIM,
            position="Директор",
            evidence="Приказ № 7",
            evidence_file=SimpleUploadedFile("letter.pdf", PDF),
        )
        recovered = with_member(OrganizationFactory(name="Брошенная"), alice, Role.OWNER)
        recovery = claim_submit(
            actor=bob,
            organization=recovered,
            kind=Claim.Kind.RECOVERY,
            position="Директор",
            evidence="Протокол собрания",
            evidence_file=SimpleUploadedFile("minutes.pdf", PDF),
        )
        claim_approve(actor=hub, claim=recovery)
    return alice


def test_deleting_an_account_leaves_no_address_name_or_file_of_the_person_anywhere(
    client, alice_with_history, private_folder, django_capture_on_commit_callbacks
):
    alice = alice_with_history
    needles = [EMAIL, WORK_EMAIL, NAME]
    her_files = {c.evidence_file.name for c in Claim.objects.filter(claimant=alice)}
    bobs_files = {c.evidence_file.name for c in Claim.objects.exclude(claimant=alice)}
    assert len(her_files) == 2 and files_in(private_folder) == her_files | bobs_files
    assert len(everywhere_in_the_database(needles)) > 10  # the search does find her where she is

    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/accounts/delete/", {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert everywhere_in_the_database(needles) == []
    assert files_in(private_folder) == bobs_files


def test_the_audit_log_keeps_what_happened_without_who(client, alice_with_history):
    alice = alice_with_history
    verbs_before = sorted(Event.objects.values_list("verb", flat=True))
    services.account_delete(actor=alice, user=alice)

    assert sorted(Event.objects.exclude(verb=Verb.ACCOUNT_DELETED).values_list("verb", flat=True)) == sorted(
        [*verbs_before, OrgVerb.ORG_UPDATED]  # her organization's contact person was cleared
    )
    assert Event.objects.get(verb=OrgVerb.ORG_MEMBER_REMOVED).old == {"member": "deleted user"}
    assert Event.objects.filter(verb=OrgVerb.ORG_MEMBER_INVITED).first().new["email"] == "deleted user"
    recovery = Event.objects.filter(verb=OrgVerb.ORG_CLAIM_APPROVED, new__kind="recovery").get()
    assert recovery.new["owner"] == "bob.b@example.org"  # other people's addresses stay
    assert recovery.new["removed_owners"] == ["deleted user"]
    own = Organization.objects.get(name="Своя организация")
    assert (own.contact_name, own.contact_email) == ("", "")
    assert not own.memberships.exists() and own.is_published  # listed without a manager, claimable
    assert not Invitation.objects.exists()  # every invitation of the story was addressed to her


def test_an_address_is_replaced_only_where_it_is_whole(db):
    from birge.accounts.erasure import address_pattern, without_addresses

    pattern = address_pattern({"al@x.org"})
    value = {"a": "al@x.org", "b": ["AL@X.ORG", "bal@x.org", "al@x.org.kz"], "c": "to al@x.org, ok"}
    assert without_addresses(value, pattern) == {
        "a": "deleted user",
        "b": ["deleted user", "bal@x.org", "al@x.org.kz"],
        "c": "to deleted user, ok",
    }


def test_the_last_owner_with_members_cannot_delete_and_the_page_names_the_organization(
    client, reference, alice, bob
):
    shared = with_member(with_member(OrganizationFactory(name="Общая"), alice, Role.OWNER), bob, Role.EDITOR)
    with_member(OrganizationFactory(name="Только моя"), alice, Role.OWNER)
    client.force_login(alice)

    page = client.get("/en/accounts/delete/").content.decode()
    assert "last owner" in page and f'href="/en/orgs/{shared.slug}/members/"' in page
    assert "Только моя" not in page and 'name="password"' not in page
    response = client.post("/en/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200 and User.objects.filter(pk=alice.pk).exists()
    with pytest.raises(services.AccountDeletionBlocked) as blocked:
        services.account_delete(actor=alice, user=alice)
    assert blocked.value.blockers[0].links == [("Общая", f"/en/orgs/{shared.slug}/members/")]

    with_member(shared, make_user("carol@example.org"), Role.OWNER)  # another owner: now she may go
    services.account_delete(actor=alice, user=alice)
    assert not User.objects.filter(pk=alice.pk).exists()
    assert shared.memberships.filter(role=Role.OWNER).count() == 1


def test_queued_email_that_names_the_person_is_forgotten(settings, alice, bob):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django.core.mail import send_mail

    send_mail("to her", "Hello", None, [alice.email])
    send_mail("about her", "Alice joined", None, [bob.email])
    send_mail("to him", "Nothing about her", None, [bob.email])
    DBTaskResult.objects.filter(args_kwargs__icontains="about her").update(status="SUCCESSFUL")
    assert DBTaskResult.objects.count() == 3

    services.account_delete(actor=alice, user=alice)

    remaining = [r.args_kwargs["args"][0]["subject"] for r in DBTaskResult.objects.all()]
    assert remaining == ["to him"]


def test_export_has_memberships_and_claims(reference, alice):
    organization = with_member(OrganizationFactory(name="Арго"), alice, Role.EDITOR)
    data = services.account_export(actor=alice, user=alice)
    assert data["orgs"]["memberships"][0] | {"since": None} == {
        "organization": organization.slug,
        "role": "editor",
        "since": None,
    }
    assert data["orgs"]["claims"] == []
