"""The passport page takes as many queries for a passport with every financial year, policy and many audits,
shared with many funders who read it often, as for one with a single row of each, for everyone who may open
it: its owner, a member, a funder's member it is shared with, and the hub administrator of its country."""

import pytest

from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.members.models import Role
from birge.orgs.passport import services
from birge.orgs.passport.models import PassportPolicy
from birge.orgs.passport.reads import AUDITS_SHOWN
from birge.orgs.passport.status import completed_years, financial_year_choices
from birge.orgs.passport.tests.helpers import join, make_org, pdf, save_year, share
from birge.orgs.profiles.models import Kind
from conftest import make_user

PAGE = "/en/orgs/argo/passport/"
MORE_FUNDERS = ["one", "two", "three", "four"]

# role: (the most queries the page may take today (lower it as the page gets cheaper), expected status).
ROLES = {
    "owner": (10, 200),
    "member": (10, 200),
    "funder_member": (14, 200),
    "hub_admin": (9, 200),  # of a passport its organization shows to every signed-in person
    "hub_admin_of_a_members_only_passport": (5, 403),
}


def start(owner, org, funder, funder_member) -> None:
    """One row of each: a financial year, a policy, an audit, a share and a read of it."""
    services.passport_update_governance(actor=owner, organization=org, board="Aigul", key_staff="")
    save_year(owner, org, completed_years()[0], income_foreign="1000")
    services.policy_save(actor=owner, organization=org, kind="safeguarding", adopted_on=None, document=pdf())
    services.audit_save(actor=owner, organization=org, year=2020, auditor="Auditor 2020", opinion="")
    share(owner, org, funder)
    services.passport_open(reader=funder_member, organization=org)


def grow(owner, org, funder_member) -> None:
    """Every financial year the page shows, every policy, more audits than it shows, four more funders
    whose members read it, and more reads by the first funder's member."""
    for year in financial_year_choices():
        save_year(owner, org, year, income_foreign="1000")
    for kind in PassportPolicy.Kind.values:
        services.policy_save(actor=owner, organization=org, kind=kind, adopted_on=None, document=pdf())
    for year in range(2008, 2020):
        services.audit_save(actor=owner, organization=org, year=year, auditor=f"Auditor {year}", opinion="")
    for slug in MORE_FUNDERS:
        funder = make_org(slug, kind=Kind.DONOR, name=f"Fund {slug}")
        share(owner, org, funder)
        reader = join(
            make_user(f"reader@{slug}.example.org", display_name=f"Reader {slug}"), funder, Role.MEMBER
        )
        for _n in range(3):
            services.passport_open(reader=reader, organization=org)
    for _n in range(8):
        services.passport_open(reader=funder_member, organization=org)
        services.passport_document_open(reader=funder_member, organization=org, what="policy-safeguarding")


@pytest.mark.parametrize("role", ROLES)
def test_passport_takes_as_many_queries_when_full_as_with_one_row_of_each(
    client, hub_kz, org, owner, member, funder, funder_member, role
):
    at_most, status = ROLES[role]
    people = {"owner": owner, "member": member, "funder_member": funder_member}
    if role == "hub_admin":
        org.passport_visibility = "signed_in"
        org.save(update_fields=["passport_visibility"])
    start(owner, org, funder, funder_member)
    client.force_login(people.get(role, hub_kz))
    client.get(PAGE)  # what the first request of a session caches
    few = counted_get(client, PAGE)
    grow(owner, org, funder_member)
    many = counted_get(client, PAGE)

    assert few.response.status_code == many.response.status_code == status
    if status == 200:
        page = many.response.content.decode()
        assert all(f"{year} (KZT)" in page for year in financial_year_choices())
        assert page.count("/passport/documents/policies/") == len(PassportPolicy.Kind.values)
        assert page.count("<td>Auditor ") == AUDITS_SHOWN
        # Only members see whom it is shared with (a funder's member reads the name of their own).
        assert ("Steppe Fund" in page) == (role != "hub_admin")
        for slug in MORE_FUNDERS:
            assert (f"Fund {slug}" in page) == (role in ("owner", "member")), slug
    assert_same_queries(few, many, at_most=at_most)


# The session and the user, the organization, the reader's memberships, the passport, its shares with
# their funders and read counts, and the latest reads of each with their readers.
@pytest.mark.parametrize("role", ["owner", "member"])
def test_the_sharing_page_takes_as_many_queries_for_many_shares_and_reads_as_for_one(
    client, org, owner, member, funder, funder_member, role
):
    start(owner, org, funder, funder_member)
    client.force_login(owner if role == "owner" else member)
    url = PAGE + "sharing/"
    client.get(url)
    few = counted_get(client, url)
    grow(owner, org, funder_member)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "Steppe Fund" in page and all(f"Fund {slug}" in page for slug in MORE_FUNDERS)
    assert "Read 17 times." in page and page.count("Read 3 times.") == len(MORE_FUNDERS)
    assert page.count("Fiona") == 17 and "Reader one" in page
    assert ('name="funder"' in page) == (role == "owner")
    assert_same_queries(few, many, at_most=7)


# Each edit page, what it must show (the form of its section), and the most queries it may take today:
# the session and the user, the organization, the editor's role, the passport, and the row the page edits
# (a year, a policy, an audit).
EDIT_PAGES = {
    "registration/": ('name="registration_number"', 5),
    "governance/": ('name="board"', 5),
    f"finances/?year={completed_years()[0]}": ('name="income_foreign" value="1000', 6),
    "policies/safeguarding/": ("/passport/documents/policies/safeguarding/", 6),
    "audits/new/": ('name="auditor"', 5),
    "audits/{audit}/": ('value="Auditor 2020"', 6),
}


@pytest.mark.parametrize("path", EDIT_PAGES)
def test_each_edit_page_takes_as_many_queries_for_a_full_passport_as_for_one_row_of_each(
    client, org, owner, funder, funder_member, path
):
    start(owner, org, funder, funder_member)
    audit = org.passport.audits.get()
    client.force_login(owner)
    url = PAGE + path.format(audit=audit.pk)
    client.get(url)
    few = counted_get(client, url)
    grow(owner, org, funder_member)
    many = counted_get(client, url)

    shown, at_most = EDIT_PAGES[path]
    assert many.response.status_code == 200
    assert shown in many.response.content.decode()
    assert_same_queries(few, many, at_most=at_most)
