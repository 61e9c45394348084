"""The public register in a real browser: axe-core finds no WCAG 2.1 A/AA violation on its pages, and on a
phone without JavaScript the filters narrow the awards and the downloads are plain links."""

import pytest
from django.urls import reverse
from django.utils import translation

from birge.funding.awards.models import anonymous_recipient
from birge.funding.conftest import make_application, manager, open_call, operator, program, ready_call
from birge.funding.register.tests.factories import decided_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The funding tests' fixtures, by name (this folder is outside birge/funding, where they are found).
__all__ = ["make_application", "manager", "open_call", "operator", "program", "ready_call"]


@pytest.fixture
def decided(reference, make_application):
    return decided_call(make_application)


def test_register_pages_pass_axe(visitor, decided):
    for language in ("ru", "ky"):
        with translation.override(language):
            visitor.goto(reverse("register:register"))
            visitor.goto(reverse("register:awards"))
            visitor.goto(reverse("register:award", args=[decided["organization"].pk]))
            visitor.goto(reverse("register:award", args=[decided["person"].pk]))
    assert visitor.page.locator("h1").inner_text()


def test_filters_and_downloads_work_without_javascript(phone_without_javascript, live_server, decided):
    page = phone_without_javascript.new_page()
    with translation.override("en"):
        page.goto(live_server.url + reverse("register:awards"))
    assert page.get_by_text(anonymous_recipient(decided["person"].pk)).count() == 1
    page.get_by_text("Filters").click()
    page.select_option("select[name=year]", "2027")
    page.get_by_role("button", name="Show").click()
    assert "year=2027" in page.url
    assert page.get_by_text(decided["organization"].title).count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "birge-register-awards.csv"
