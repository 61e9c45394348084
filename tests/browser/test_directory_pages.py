"""Every page of the directory, as an owner who is also a hub administrator sees it: no axe violation
and no sideways scrolling at phone width, in Russian and in Kazakh; the search form works without
JavaScript."""

from decimal import Decimal

import pytest

from conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/{lang}/orgs/",
    "/{lang}/orgs/?q=Zhasyl&country=KZ&verified=1",
    "/{lang}/orgs/?q=zzzzqqq",
    "/{lang}/orgs/new/",
    "/{lang}/orgs/mine/",
    "/{lang}/orgs/hub/claims/",
    "/{lang}/orgs/hub/verification/",
    "/{lang}/orgs/zhasyl-dala/",
    "/{lang}/orgs/zhasyl-dala/edit/basics/",
    "/{lang}/orgs/zhasyl-dala/edit/about/",
    "/{lang}/orgs/zhasyl-dala/edit/contacts/",
    "/{lang}/orgs/zhasyl-dala/edit/capacity/",
    "/{lang}/orgs/zhasyl-dala/edit/translations/",
    "/{lang}/orgs/zhasyl-dala/edit/logo/",
    "/{lang}/orgs/zhasyl-dala/members/",
    "/{lang}/orgs/zhasyl-dala/partners/",
    "/{lang}/orgs/zhasyl-dala/verify/",
    "/{lang}/orgs/zhasyl-dala/passport/",
    "/{lang}/orgs/zhasyl-dala/passport/registration/",
    "/{lang}/orgs/zhasyl-dala/passport/finances/",
    "/{lang}/orgs/zhasyl-dala/passport/sharing/",
    "/{lang}/orgs/kaz-ministry/claim/",
]


@pytest.fixture
def directory(reference):
    from birge.core.models import Country
    from birge.orgs.hubs.models import HubAdministrator
    from birge.orgs.passport.models import PassportFinancialYear
    from birge.orgs.passport.services import passport_for
    from birge.orgs.passport.status import completed_years
    from birge.orgs.profiles.models import Kind
    from birge.orgs.search import index_organizations
    from birge.orgs.tests.factories import OrganizationFactory, with_member

    owner = make_user("aigerim@example.kz", display_name="Айгерим", language="kk")
    HubAdministrator.objects.create(user=owner, country=Country.objects.get(code="KZ"))
    organization = OrganizationFactory(
        slug="zhasyl-dala", name="«Жасыл дала» экологиялық қоғамдық бірлестігі", original_language="kk"
    )
    with_member(organization, owner)
    passport = passport_for(organization)
    for year in completed_years():
        PassportFinancialYear.objects.create(
            passport=passport, year=year, income_foreign=Decimal("125000.50"), expenditure=Decimal("98000")
        )
    ministry = OrganizationFactory(slug="kaz-ministry", kind=Kind.GOVERNMENT, legal_form="ministry")
    index_organizations([organization.pk, ministry.pk])
    return owner


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_directory_pages_are_accessible_and_fit_a_phone(phone, live_server, directory, lang):
    from tests.browser.conftest import Visitor

    visitor = Visitor(phone.new_page(), live_server.url)
    visitor.goto(f"/{lang}/accounts/login/")
    visitor.page.fill("#id_login", "aigerim@example.kz")
    visitor.page.fill("#id_password", PASSWORD)
    visitor.page.click("main button[type=submit]")
    for path in PAGES:
        response = visitor.goto(path.format(lang=lang))
        assert response.status == 200, path
        width = visitor.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path}: the page is {width}px wide on a 360px screen"


def test_search_and_filters_work_without_javascript(phone_without_javascript, live_server, directory):
    page = phone_without_javascript.new_page()
    page.goto(f"{live_server.url}/kk/orgs/")
    page.fill("#q", "Zhasyl dala")
    page.click("form[role=search] .search button[type=submit]")
    assert "q=Zhasyl+dala" in page.url
    assert "«Жасыл дала»" in page.inner_text("main ul.orgs")
    page.click("form[role=search] summary")
    page.select_option("#f-kind", "government")
    page.click("form[role=search] .actions button[type=submit]")
    assert "kind=government" in page.url and "q=Zhasyl+dala" in page.url
    assert page.locator("main ul.orgs").count() == 0  # the ecology group is no government body
