"""The passport pages: who sees and edits what, uploads, downloads, sharing and the read log, page weight
and query counts."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from birge.core.models import Event
from birge.core.testing import assert_queries, assert_within_budget
from birge.orgs.events import Verb
from birge.orgs.passport import services
from birge.orgs.passport.models import Passport, PassportAudit, PassportRead, PassportShare
from birge.orgs.passport.status import completed_years
from birge.orgs.passport.tests.helpers import disguised, fill_everything, make_org, pdf, share, stored_files
from birge.orgs.profiles.models import Kind

PAGE = "/en/orgs/argo/passport/"


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# Who sees the passport ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("editor", 200),
        ("member", 200),
        ("outsider", 403),
        (None, 403),
        ("funder_member", 403),
    ],
)
def test_only_members_read_a_members_only_passport(client, request, who, status, org):
    user = request.getfixturevalue(who) if who else None
    response = as_user(client, user).get(PAGE)
    assert_within_budget(response, status=status)


def test_a_public_passport_is_read_by_anyone_without_edit_buttons(client, org, owner):
    services.passport_update_governance(actor=owner, organization=org, board="Aigul, chair", key_staff="")
    org.passport_visibility = "public"
    org.save(update_fields=["passport_visibility"])
    response = client.get(PAGE)
    assert response.status_code == 200
    html = text(response)
    assert "Aigul, chair" in html and "Confirm still current" not in html and "Shared with" not in html
    assert not PassportRead.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("editor", 200), ("member", 403), ("outsider", 403), (None, 403)]
)
def test_only_owner_and_editor_open_edit_pages(client, request, who, status, org):
    user = request.getfixturevalue(who) if who else None
    as_user(client, user)
    for path in ["registration/", "governance/", "finances/", "policies/safeguarding/", "audits/new/"]:
        response = client.get(PAGE + path)
        assert response.status_code == status, path
        assert_within_budget(response, status=status)


def test_member_cannot_post_a_section(client, member, org):
    response = as_user(client, member).post(PAGE + "governance/", {"board": "Someone", "key_staff": ""})
    assert response.status_code == 403
    assert not Passport.objects.exists() and not Event.objects.filter(verb=Verb.PASSPORT_UPDATED).exists()


# The page -------------------------------------------------------------------------------------------------


def test_owner_sees_what_is_out_of_date_at_the_top(client, owner, org):
    fill_everything(owner, org)
    Passport.objects.update(governance_updated_at=timezone.now() - timedelta(days=400))
    org.passport.policies.filter(kind="conflicts").update(document="")
    html = text(as_user(client, owner).get(PAGE))
    top = html[html.index("Out of date") : html.index('id="registration"')]
    assert "Governance: not confirmed as current within the last twelve months." in top
    assert "Policy on conflicts of interest: no document." in top


def test_a_current_passport_says_so(client, owner, org):
    fill_everything(owner, org)
    html = text(as_user(client, owner).get(PAGE))
    assert "Out of date" not in html and "Every section is filled in" in html


def big_passport(owner, org, funder, funder_member):
    fill_everything(owner, org)
    for year in range(2015, 2022):
        services.audit_save(
            actor=owner, organization=org, year=year, auditor="Auditor", opinion="", document=pdf()
        )
    share(owner, org, funder)
    for slug in ["one", "two", "three"]:
        share(owner, org, make_org(slug, kind=Kind.DONOR))
    for _n in range(8):
        services.passport_open(reader=funder_member, organization=org)


@pytest.mark.parametrize("size", ["small", "big"])
def test_passport_page_queries_do_not_grow_with_its_content(client, owner, org, funder, funder_member, size):
    if size == "small":
        services.passport_update_governance(actor=owner, organization=org, board="Aigul", key_staff="")
        share(owner, org, funder)
        services.passport_open(reader=funder_member, organization=org)
    else:
        big_passport(owner, org, funder, funder_member)
    as_user(client, owner)
    with assert_queries(11):
        response = client.get(PAGE)
    assert response.status_code == 200
    assert_within_budget(response)


@pytest.mark.parametrize("size", ["small", "big"])
def test_funder_page_queries_do_not_grow_with_its_content(client, owner, org, funder, funder_member, size):
    if size == "small":
        share(owner, org, funder)
    else:
        big_passport(owner, org, funder, funder_member)
    as_user(client, funder_member)
    # The session and the user, the page's Viewer (memberships, partners), the organization and its
    # passport with its years, policies and audits, the share it reads through and the read it logs.
    with assert_queries(15):
        response = client.get(PAGE)
    assert response.status_code == 200
    assert_within_budget(response)


# Editing --------------------------------------------------------------------------------------------------


def test_editor_saves_registration_with_its_documents(client, editor, org):
    response = as_user(client, editor).post(
        PAGE + "registration/",
        {
            "registration_number": "123456789012",
            "registration_date": "2015-03-01",
            "registration_authority": "Ministry of Justice",
            "registration_document": pdf(),
            "charter_document": pdf("Устав.pdf"),
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/passport/#registration")
    passport = Passport.objects.get()
    assert passport.registration_number == "123456789012" and passport.registration_updated_at
    assert passport.registration_document.name.endswith(".pdf") and passport.charter_document
    page = text(client.get(PAGE))
    assert "Registration saved." in page and "Ministry of Justice" in page
    assert "/passport/documents/registration/" in page and "/passport/documents/charter/" in page


def test_disguised_upload_is_refused_and_nothing_changes(client, editor, org):
    files = stored_files()
    response = as_user(client, editor).post(
        PAGE + "policies/safeguarding/", {"adopted_on": "2020-01-01", "document": disguised()}
    )
    assert response.status_code == 200
    html = text(response)
    assert "not one of the document types we accept" in html and 'aria-invalid="true"' in html
    assert not Passport.objects.exists() or not Passport.objects.get().policies.exists()
    assert not Event.objects.filter(verb=Verb.PASSPORT_UPDATED).exists() and stored_files() == files


def test_a_crafted_clear_checkbox_removes_no_document(client, owner, org):
    services.policy_save(actor=owner, organization=org, kind="safeguarding", adopted_on=None, document=pdf())
    response = as_user(client, owner).post(PAGE + "policies/safeguarding/", {"document-clear": "on"})
    assert response.status_code == 302
    assert org.passport.policies.get().document


def test_financial_year_form_offers_only_the_last_three_completed_years_and_this_one(client, owner, org):
    this_year = timezone.localdate().year
    html = text(as_user(client, owner).get(PAGE + "finances/"))
    offered = re.findall(r'<option value="(\d+)"', html)
    assert offered == [str(year) for year in (this_year, *completed_years())]
    response = client.post(PAGE + "finances/", {"year": this_year - 4, "currency": "KZT", "expenditure": "1"})
    assert response.status_code == 200 and "Select a valid choice" in text(response)


def test_financial_year_saves_and_shows_in_the_table(client, owner, org):
    year = completed_years()[0]
    data = {"year": year, "currency": "KGS", "income_foreign": "1000.50", "income_state": "200"}
    data |= {f: "0" for f in ["income_membership", "income_business", "income_individual", "income_other"]}
    response = as_user(client, owner).post(PAGE + "finances/", data | {"expenditure": "900", "audited": "on"})
    assert response.status_code == 302
    html = text(client.get(PAGE))
    assert f"{year} (KGS)" in html and "1,200.50" in html
    edit = text(client.get(PAGE + f"finances/?year={year}"))
    assert 'value="1000.50"' in edit


def test_confirm_button_restarts_the_section(client, editor, org):
    services.passport_update_governance(actor=editor, organization=org, board="Aigul", key_staff="")
    Passport.objects.update(governance_updated_at=timezone.now() - timedelta(days=400))
    response = as_user(client, editor).post(PAGE + "confirm/governance/")
    assert response.status_code == 302
    assert timezone.now() - Passport.objects.get().governance_updated_at < timedelta(minutes=1)
    refused = client.post(PAGE + "confirm/registration/", follow=True)
    assert "Fill in this section before confirming it." in text(refused)


def test_audit_is_added_then_corrected(client, owner, org):
    as_user(client, owner)
    response = client.post(PAGE + "audits/new/", {"year": "2022", "auditor": "Baker Tilly", "opinion": ""})
    assert response.status_code == 302
    audit = PassportAudit.objects.get()
    response = client.post(PAGE + f"audits/{audit.pk}/", {"year": "2022", "auditor": "Baker Tilly KZ"})
    assert response.status_code == 302
    assert PassportAudit.objects.get().auditor == "Baker Tilly KZ"


# Documents ------------------------------------------------------------------------------------------------


def test_document_is_downloaded_as_an_attachment_under_our_name(client, owner, org):
    services.policy_save(
        actor=owner, organization=org, kind="anti_fraud", adopted_on=None, document=pdf("x.html")
    )
    response = as_user(client, owner).get(PAGE + "documents/policies/anti_fraud/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="argo-policy-anti_fraud.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("who", ["outsider", None, "funder_member"])
def test_outsider_gets_403_on_document(client, request, who, owner, org):
    services.passport_update_registration(
        actor=owner,
        organization=org,
        registration_number="1",
        registration_date=None,
        registration_authority="",
        registration_document=pdf(),
    )
    user = request.getfixturevalue(who) if who else None
    assert as_user(client, user).get(PAGE + "documents/registration/").status_code == 403
    assert client.get(PAGE + "documents/audits/999/").status_code == 403  # refused before looking


def test_missing_document_is_404_for_a_member(client, member, org):
    assert as_user(client, member).get(PAGE + "documents/charter/").status_code == 404


# Sharing and the read log ---------------------------------------------------------------------------------


def test_owner_shares_by_address_and_the_funders_owners_are_emailed(
    client, owner, org, funder, funder_owner, django_capture_on_commit_callbacks, mailoutbox
):
    as_user(client, owner)
    page = client.get(PAGE + "sharing/")
    default = (timezone.localdate() + timedelta(days=90)).isoformat()
    assert f'value="{default}"' in text(page)
    assert_within_budget(page)
    until = (timezone.localdate() + timedelta(days=30)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PAGE + "sharing/", {"funder": "https://birge.example/ru/orgs/steppe-fund/", "expires_on": until}
        )
    assert response.status_code == 302
    created = PassportShare.objects.get()
    assert created.funder == funder and timezone.localdate(created.expires_at).isoformat() == until
    assert [message.to for message in mailoutbox] == [["frank@example.org"]]
    assert "http://127.0.0.1:8000/en/orgs/argo/passport/" in mailoutbox[0].body


def test_owner_shares_by_identifier(client, owner, org, funder):
    until = (timezone.localdate() + timedelta(days=10)).isoformat()
    as_user(client, owner).post(PAGE + "sharing/", {"funder": "kz-bin-1234 5678 9012", "expires_on": until})
    assert PassportShare.objects.get().funder == funder


@pytest.mark.parametrize(
    ("funder_text", "days", "error"),
    [
        ("nobody-here", 30, "No published organization has this address or identifier."),
        ("draft-fund", 30, "No published organization has this address or identifier."),
        ("http://[::1/orgs/steppe-fund/", 30, "This link is broken."),
        ("https://[birge.example/ru/orgs/", 30, "This link is broken."),
        ("argo", 30, "Choose an organization other than your own."),
        ("steppe-fund", -1, "Choose a date in the future."),
        ("steppe-fund", 366, "A passport can be shared for at most a year."),
    ],
)
def test_share_form_explains_what_is_wrong(client, owner, org, funder, funder_text, days, error):
    make_org("draft-fund", kind=Kind.DONOR, published=False)
    until = (timezone.localdate() + timedelta(days=days)).isoformat()
    response = as_user(client, owner).post(PAGE + "sharing/", {"funder": funder_text, "expires_on": until})
    assert response.status_code == 200 and error in text(response)
    assert not PassportShare.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("editor", 403), ("member", 403), ("outsider", 403)])
def test_only_the_owner_shares_and_revokes(client, request, who, status, owner, org, funder):
    created = share(owner, org, funder)
    user = request.getfixturevalue(who)
    until = (timezone.localdate() + timedelta(days=10)).isoformat()
    as_user(client, user)
    assert (
        client.post(PAGE + "sharing/", {"funder": "steppe-fund", "expires_on": until}).status_code == status
    )
    assert client.post(PAGE + f"sharing/{created.pk}/revoke/").status_code == status
    assert PassportShare.objects.get().revoked_at is None


def test_member_sees_the_shares_but_no_share_form(client, owner, member, org, funder):
    share(owner, org, funder)
    html = text(as_user(client, member).get(PAGE + "sharing/"))
    assert "Steppe Fund" in html and 'name="funder"' not in html and "Revoke" not in html


def test_each_funder_read_is_logged_and_shown_to_owner(client, owner, org, funder, funder_member):
    services.policy_save(actor=owner, organization=org, kind="safeguarding", adopted_on=None, document=pdf())
    share(owner, org, funder)
    as_user(client, funder_member)
    page = text(client.get(PAGE))
    assert "Argo shares this passport with Steppe Fund" in page and "sees who opens it" in page
    assert "Confirm still current" not in page and "Shared with" not in page and "Revoke" not in page
    assert client.get(PAGE + "documents/policies/safeguarding/").status_code == 200
    assert list(PassportRead.objects.order_by("read_at", "pk").values_list("what", flat=True)) == [
        "passport",
        "policy-safeguarding",
    ]
    assert Event.objects.filter(verb=Verb.PASSPORT_READ, actor=funder_member).count() == 2
    client.logout()
    as_user(client, owner)
    for path in (PAGE, PAGE + "sharing/"):
        html = text(client.get(path))
        assert "Read 2 times." in html and "Fiona" in html
        assert "the passport page" in html and "the policy on safeguarding" in html


def test_funder_cannot_read_after_share_expires(client, owner, org, funder, funder_member):
    created = share(owner, org, funder)
    as_user(client, funder_member)
    assert client.get(PAGE).status_code == 200
    PassportShare.objects.filter(pk=created.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(PAGE).status_code == 403
    assert PassportRead.objects.count() == 1


def test_revoke_is_immediate(client, owner, org, funder, funder_member):
    created = share(owner, org, funder)
    funder_client = as_user(client.__class__(), funder_member)
    assert funder_client.get(PAGE).status_code == 200
    response = as_user(client, owner).post(PAGE + f"sharing/{created.pk}/revoke/", {"next": PAGE})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert funder_client.get(PAGE).status_code == 403
    assert "Revoked on" in text(client.get(PAGE + "sharing/"))
    assert Event.objects.filter(verb=Verb.PASSPORT_SHARE_REVOKED, actor=owner).count() == 1
