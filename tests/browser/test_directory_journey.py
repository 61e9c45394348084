"""The journey of issue 3, in Tajik: a user registers a Cyrillic-named organization and keeps its funding
mix to members; another user finds it by a Latin spelling with a typo and does not see the funding mix; the
hub admin of Tajikistan verifies it and the badge shows."""

import pytest

from birge.core.models import Country
from birge.orgs.hubs.models import HubAdministrator
from birge.orgs.profiles.models import Organization
from conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(visitor, email: str) -> None:
    page = visitor.page
    visitor.goto("/tg/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    visitor.check()


def log_out(visitor) -> None:
    visitor.page.click("header form button[type=submit]")
    visitor.check()


def test_register_hide_funding_find_by_latin_typo_and_verify(visitor, reference):
    page = visitor.page
    make_user("nodira@example.tj", display_name="Нодира", language="tg")
    make_user("parviz@example.tj", display_name="Парвиз", language="tg")
    hub = make_user("hub.tj@example.tj", display_name="Ҳаб", language="tg")
    HubAdministrator.objects.create(user=hub, country=Country.objects.get(code="TJ"))

    log_in(visitor, "nodira@example.tj")
    visitor.goto("/tg/orgs/new/")
    page.select_option("#id_kind", "cso")
    page.select_option("#id_legal_form", "public_association")
    page.select_option("#id_original_language", "tg")
    page.fill("#id_name", "Хонаи Ҷавонон")
    page.select_option("#id_country", "TJ")
    page.fill("#id_identifier", "TJ-TIN-123456789")
    page.click("main form button[type=submit]")
    visitor.check()
    organization = Organization.objects.get()
    assert page.url.endswith(f"/tg/orgs/{organization.slug}/edit/about/")

    visitor.goto(f"/tg/orgs/{organization.slug}/edit/capacity/")
    page.fill("#id_funding_foreign", "70")
    page.fill("#id_funding_state", "30")
    page.select_option("#id_funding_visibility", "members")
    page.click("main form button[name=save]")
    visitor.check()
    page.click("form[action$='/publish/'] button[type=submit]")
    visitor.check()
    organization.refresh_from_db()
    assert organization.is_published and organization.funding_visibility == "members"
    assert "70%" in page.inner_text("main")  # the member sees it
    log_out(visitor)

    log_in(visitor, "parviz@example.tj")
    visitor.goto("/tg/orgs/?q=Khonai+Javonn")  # Latin, one letter missing
    page.click(f"main a[href$='/orgs/{organization.slug}/']")
    visitor.check()
    assert "Хонаи Ҷавонон" in page.inner_text("h1")
    assert "70%" not in page.inner_text("main")
    log_out(visitor)

    log_in(visitor, "hub.tj@example.tj")
    visitor.goto(f"/tg/orgs/{organization.slug}/verify/")
    page.check("#id_registration_document_seen")
    page.check("#id_identifier_matches")
    page.check("#id_contacts_confirmed")
    page.click("main form button[type=submit]")
    visitor.check()
    assert page.url.endswith(f"/tg/orgs/{organization.slug}/")
    assert page.locator("main .badge").count() == 1
