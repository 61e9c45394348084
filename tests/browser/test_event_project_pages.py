"""Every page of events and joint projects, over the demo data: no axe violation and nothing wider than
the screen at phone width, in Russian and in a local language, for a visitor and for the demo member who
organizes events and leads a project; and registering for an event works with JavaScript turned off."""

import io

import pytest

from birge.accounts.demo import DEMO_PASSWORD
from birge.events.registration.models import Registration, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/{lang}/events/",
    "/{lang}/events/?when=past",
    "/{lang}/events/?country=KG&format=offline",
    "/{lang}/events/?q=zzzz",
    "/{lang}/events/central-asia-civil-society-forum/",
    "/{lang}/events/training-monitoring-evaluation-khujand/",
    "/{lang}/events/calendar/",
    "/{lang}/projects/",
    "/{lang}/projects/?peer=1",
    "/{lang}/projects/accessible-city-pavlodar-dushanbe/",
    "/{lang}/projects/accessible-city-pavlodar-dushanbe/reports/",
    "/{lang}/projects/accessible-city-pavlodar-dushanbe/indicators/",
    "/{lang}/orgs/dostyq-uyi-shymkent/",
]
# member@birge.demo speaks for «Достық үйі»: it organizes the migration roundtable and leads a project.
MEMBER = [
    "/{lang}/events/mine/",
    "/{lang}/events/calendar/",
    "/{lang}/events/new/",
    "/{lang}/events/roundtable-migrant-pensions/",
    "/{lang}/events/roundtable-migrant-pensions/participants/",
    "/{lang}/events/roundtable-migrant-pensions/edit/",
    "/{lang}/projects/new/",
    "/{lang}/projects/safe-migration-before-departure/",
    "/{lang}/projects/safe-migration-before-departure/edit/",
    "/{lang}/projects/safe-migration-before-departure/partners/",
    "/{lang}/projects/safe-migration-before-departure/plan/",
    "/{lang}/projects/safe-migration-before-departure/indicators/",
    "/{lang}/projects/safe-migration-before-departure/reports/",
]


@pytest.fixture
def demo(reference):
    from birge.accounts import demo as accounts_demo
    from birge.events import demo as events_demo
    from birge.networks import demo as networks_demo
    from birge.orgs import demo as orgs_demo
    from birge.projects import demo as projects_demo

    for module in (accounts_demo, orgs_demo, networks_demo, events_demo, projects_demo):
        module.load(io.StringIO())


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/ru/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")


def visit(visitor, paths, lang: str) -> None:
    for path in paths:
        response = visitor.goto(path.format(lang=lang))
        assert response.status == 200, path
        width = visitor.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path}: the page is {width}px wide on a 360px screen"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_pages_of_events_and_projects_are_accessible_on_a_phone(phone, live_server, demo, lang):
    from tests.browser.conftest import Visitor

    visitor = Visitor(phone.new_page(), live_server.url)
    visit(visitor, PUBLIC, lang)
    log_in(visitor.page, live_server.url, "member@birge.demo")
    visit(visitor, MEMBER, lang)


def test_registering_for_an_event_works_without_javascript(phone_without_javascript, live_server, demo):
    page = phone_without_javascript.new_page()
    log_in(page, live_server.url, "nodira@birge.demo")
    page.goto(f"{live_server.url}/ru/events/digital-safety-webinar/")
    page.click("#registration button[type=submit]")
    page.wait_for_load_state("load")

    registration = Registration.objects.get(
        event__slug="digital-safety-webinar", person__email="nodira@birge.demo"
    )
    assert registration.status == Status.CONFIRMED
    assert page.locator("a[href='https://meet.example.org/birge-digital-safety']").count() == 1
