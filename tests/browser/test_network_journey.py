"""Networks in the browser: a coordinator creates a network, invites three organizations from two
countries, writes the charter and has it adopted by a consent decision whose results stay hidden until the
close, then downloads it as DOCX; and an outsider who knows the exact name of a secret network finds no
trace of it — not in the searches, not at its address, not on any of its members' profiles."""

import datetime as dt

import docx
import pytest
from django.utils import timezone

from birge.core.models import Country
from birge.networks.conftest import (
    SECRET_NAME,
    coordinator,
    kg_ngo,
    kg_owner,
    kz_ngo,
    organization_in,
    outsider,
    outsider_ngo,
    reader,
    secret_network,
    tj_ngo,
    tj_owner,
)
from birge.networks.decisions.models import Decision
from birge.networks.decisions.services import decisions_close_due
from birge.networks.membership.models import Admission, NetworkMembership
from birge.networks.membership.services import admission_answer
from birge.networks.networks.models import Network
from birge.networks.permissions import NetworkViewer
from conftest import make_user
from tests.browser.test_application_journey import log_in
from tests.browser.test_award_journey import log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The networks tests' fixtures, by name (this folder is outside birge/networks, where they are found).
__all__ = [
    "coordinator",
    "kg_ngo",
    "kg_owner",
    "kz_ngo",
    "outsider",
    "outsider_ngo",
    "reader",
    "secret_network",
    "tj_ngo",
    "tj_owner",
]

PURPOSE = "Защищать права трудовых мигрантов Казахстана и Кыргызстана."


def test_a_coordinator_builds_a_network_and_has_its_charter_adopted_by_consent(
    visitor, reference, coordinator, kz_ngo, kg_ngo, kg_owner, outsider_ngo, outsider
):
    second_kg = organization_in("KG", make_user("aibek@example.org", display_name="Aibek"), name="Ынтымак")
    page, base = visitor.page, visitor.base_url

    # The coordinator creates the network without a line of JavaScript needed.
    log_in(page, base, coordinator.email)
    visitor.goto("/ru/networks/new/")
    page.fill("#id_name", "Сеть мигрантских организаций")
    page.fill("#id_description", "Консультации до выезда и помощь семьям.")
    page.check("input[name=visibility][value=public]")
    page.check(f"input[name=countries][value='{Country.objects.get(code='KZ').pk}']")
    page.check(f"input[name=countries][value='{Country.objects.get(code='KG').pk}']")
    page.click("main button[type=submit]")
    visitor.check()
    network = Network.objects.get(name="Сеть мигрантских организаций")
    assert page.url.endswith(f"/ru/networks/{network.slug}/")

    # It invites three organizations from two countries, found by name.
    for organization in (kg_ngo, outsider_ngo, second_kg):
        visitor.goto(f"/ru/networks/{network.slug}/members/?q={organization.name}")
        page.click(f"form:has(input[value='{organization.slug}']) button[type=submit]")
        visitor.check()
    assert {a.organization.country.code for a in Admission.objects.filter(network=network)} == {"KG", "KZ"}
    log_out(page)

    # The Kyrgyz organization accepts on its page; the two others answer the same way (by the service).
    log_in(page, base, kg_owner.email)
    visitor.goto("/ru/networks/invitations/")
    page.click("button[name=accept][value='1']")
    visitor.check()
    log_out(page)
    for admission in Admission.objects.filter(network=network, status="pending").select_related(
        "organization"
    ):
        owner = admission.organization.memberships.get(role="owner").user
        admission_answer(actor=owner, admission=admission, accept=True)
    assert NetworkMembership.objects.filter(network=network).count() == 4

    # The coordinator writes the charter from the template and proposes to adopt it, results hidden.
    log_in(page, base, coordinator.email)
    visitor.goto(f"/ru/networks/{network.slug}/charter/edit/")
    assert page.input_value("#id_governance")  # the template is there to start from
    page.fill("#id_purpose", PURPOSE)
    page.click("main form .actions button[type=submit]")
    visitor.check()
    page.click("a[href*='/decisions/new/?charter=1']")
    visitor.check()
    page.fill("#id_title", "Принять устав")
    page.fill("#id_proposal", "Предлагаю принять устав в редакции 1.")
    page.check("#id_results_hidden")
    page.click("main button[type=submit]")
    visitor.check()
    decision = Decision.objects.get(network=network)
    assert decision.results_hidden and decision.charter_version.number == 1
    page.check("input[name=answer][value=consent]")
    page.click("main form[action$='/vote/'] button[type=submit]")
    visitor.check()
    log_out(page)

    # A member votes: until the close, only how many have voted shows, never how.
    log_in(page, base, kg_owner.email)
    visitor.goto(f"/ru/networks/{network.slug}/decisions/{decision.pk}/")
    assert page.locator("table").count() == 0
    page.check("input[name=answer][value=consent]")
    page.click("main form[action$='/vote/'] button[type=submit]")
    visitor.check()
    assert page.locator("table").count() == 0  # no tally while the results are hidden
    log_out(page)

    # The closing time passes; the close (a task at that time, the hourly job as its fallback) adopts it.
    Decision.objects.filter(pk=decision.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    assert decisions_close_due() == 1
    decision.refresh_from_db()
    assert decision.carried

    log_in(page, base, coordinator.email)
    visitor.goto(f"/ru/networks/{network.slug}/decisions/{decision.pk}/")
    assert page.locator("table").count() >= 1  # the tally, now that voting has closed
    visitor.goto(f"/ru/networks/{network.slug}/charter/")
    with page.expect_download() as download:
        page.click("a[href$='charter.docx']")
    charter = docx.Document(str(download.value.path()))
    text = "\n".join(paragraph.text for paragraph in charter.paragraphs)
    assert PURPOSE in text and network.name in text


def test_an_outsider_who_knows_the_secret_name_finds_no_trace(
    visitor, reference, secret_network, kg_ngo, tj_ngo, tj_owner, outsider, outsider_ngo
):
    from birge.networks.conftest import add_member

    add_member(secret_network, tj_ngo)
    members = [kg_ngo, tj_ngo]
    assert NetworkViewer.of(tj_owner).may_know(secret_network)
    page, base = visitor.page, visitor.base_url
    log_in(page, base, outsider.email)

    visitor.goto("/ru/networks/")
    page.fill("input[name=q]", SECRET_NAME)
    page.click("form[role=search] button[type=submit]")
    visitor.check()
    assert page.locator("main ul.cards li").count() == 0
    assert page.content().count(SECRET_NAME) == 1  # the words typed, kept in the search box
    # The site's search shows the name back exactly as often as it shows back a name nothing bears.
    visitor.goto(f"/ru/search/?q={SECRET_NAME}")
    found = page.content()
    visitor.goto("/ru/search/?q=Сеть Явный Сапар")
    assert found.count(SECRET_NAME) == page.content().count("Сеть Явный Сапар")
    assert secret_network.slug not in found

    response = page.goto(f"{base}/ru/networks/{secret_network.slug}/")
    assert response.status == 404 and SECRET_NAME not in page.content()
    for organization in members:
        visitor.goto(organization.get_absolute_url())
        html = page.content()
        assert organization.name in html
        assert SECRET_NAME not in html and secret_network.slug not in html
