"""The response pages: who sees the incident and its needs, what each sees of the pledges, and the forms
with good and bad input (nothing is written when the input is wrong; what was typed comes back)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from birge.core.models import Country
from birge.core.testing import assert_within_budget
from birge.networks.networks.models import Kind, Network, Visibility
from birge.networks.networks.services import network_close
from birge.networks.response.models import Incident, IncidentStatus, Need, NeedKind, Pledge
from birge.networks.response.services import incident_close, need_add, pledge
from birge.networks.response.tests.conftest import describe, make_response

pytestmark = pytest.mark.usefixtures("in_english")


def url(name: str, network: Network, *args) -> str:
    return reverse(f"networks:{name}", args=[network.slug, *args])


@pytest.fixture
def pledged(water, outsider, kg_owner, kg_ngo):
    """Seven of the ten tonnes are pledged: five by the Kyrgyz organization, two by a person."""
    pledge(actor=kg_owner, need=water, quantity=Decimal(5), organization=kg_ngo, note="Два грузовика")
    pledge(actor=outsider, need=water, quantity=Decimal(2))
    return water


# The incident's page ----------------------------------------------------------------------------------------


def test_everyone_reads_a_public_response_and_sees_organizations_not_people(client, response, pledged):
    response_ = client.get(url("incident", response))

    assert_within_budget(response_)
    page = response_.content.decode()
    assert "Сель сошёл на кишлак ночью" in page and "Ванҷ" in page and "Tajikistan" in page
    assert "Питьевая вода" in page and "7 of 10 т pledged (70 %)" in page and "3 т still needed" in page
    assert '<progress max="100" value="70"' in page
    assert "Мигрант Ордо</a>: 5 т" in page and "Два грузовика" in page
    assert "a person: 2 т" in page and "Oleg" not in page
    assert "Log in to pledge" in page and "/pledge/" not in page and 'name="quantity"' not in page
    assert "Change the description" not in page and "Add a need" not in page


def test_a_signed_in_outsider_may_pledge_on_a_public_response_but_not_see_names(
    client, response, pledged, tj_owner, outsider, outsider_ngo
):
    pledge(actor=tj_owner, need=pledged, quantity=Decimal(1))
    client.force_login(outsider)

    page = client.get(url("incident", response)).content.decode()

    assert "Firuza" not in page and "a person: 1 т" in page and "you: 2 т" in page
    assert f'action="{url("need_pledge", response, pledged.pk)}"' in page
    assert 'name="organization"' in page and "Посторонний фонд" in page  # they speak for it
    assert "Log in to pledge" not in page


def test_a_member_sees_who_pledged_for_themselves(client, response, pledged, reader):
    client.force_login(reader)
    page = client.get(url("incident", response)).content.decode()
    assert "Oleg: 2 т" in page and "a person" not in page
    # The reader belongs to the coordinating organization but does not speak for it: only for themselves.
    assert (
        f'action="{url("need_pledge", response, pledged.pk)}"' in page and 'name="organization"' not in page
    )


def test_a_coordinator_sees_how_to_change_the_response(client, response, pledged, coordinator):
    client.force_login(coordinator)
    answer = client.get(url("incident", response))
    assert_within_budget(answer)
    page = answer.content.decode()
    for link in ("incident_edit", "need_new", "incident_close"):
        assert f'href="{url(link, response)}"' in page
    assert f'href="{url("need_edit", response, pledged.pk)}"' in page


def test_a_members_only_response_is_for_its_members(
    client, members_only_response, coordinator, reader, outsider
):
    describe(members_only_response, coordinator)
    address = url("incident", members_only_response)

    assert client.get(address).status_code == 404
    client.force_login(outsider)
    assert client.get(address).status_code == 404
    client.force_login(reader)
    assert "Сель сошёл" in client.get(address).content.decode()


def test_a_secret_response_does_not_exist_for_others(client, kg_ngo, kg_owner, outsider):
    secret = make_response(kg_owner, kg_ngo, visibility=Visibility.SECRET, name="Тайный ответ")
    describe(secret, kg_owner)
    client.force_login(outsider)
    assert client.get(url("incident", secret)).status_code == 404
    client.force_login(kg_owner)
    assert client.get(url("incident", secret)).status_code == 200


def test_a_network_of_another_kind_has_no_incident_page(client, network):
    assert network.kind == Kind.THEMATIC
    assert client.get(url("incident", network)).status_code == 404


def test_before_the_incident_is_described_coordinators_are_asked_and_others_told(
    client, response, coordinator, kg_owner
):
    client.force_login(coordinator)
    page = client.get(url("incident", response)).content.decode()
    assert f'href="{url("incident_edit", response)}"' in page and "Describe the incident" in page

    client.force_login(kg_owner)
    answer = client.get(url("incident", response))
    assert_within_budget(answer)
    page = answer.content.decode()
    assert "have not described the incident yet" in page and url("incident_edit", response) not in page


def test_a_closed_response_shows_its_report_and_takes_no_pledges(
    client, response, pledged, coordinator, outsider
):
    incident_close(actor=coordinator, network=response, closing_report="Вода доставлена в 40 семей.")
    client.force_login(outsider)
    page = client.get(url("incident", response)).content.decode()
    assert "Closing report" in page and "Вода доставлена в 40 семей." in page
    assert 'name="quantity"' not in page


# Describing the incident ------------------------------------------------------------------------------------


def test_creating_a_response_network_leads_to_describing_its_incident(client, kz_ngo, coordinator):
    client.force_login(coordinator)
    answer = client.post(
        reverse("networks:new"),
        {
            "founder": kz_ngo.pk,
            "name": "Паводок в Оше",
            "description": "",
            "language": "ru",
            "kind": Kind.RESPONSE,
            "visibility": Visibility.PUBLIC,
        },
    )
    network = Network.objects.get(name="Паводок в Оше")
    assert answer.status_code == 302 and answer["Location"] == url("incident_edit", network)
    assert_within_budget(client.get(answer["Location"]))


def test_a_coordinator_describes_the_incident(client, response, coordinator):
    client.force_login(coordinator)
    answer = client.post(
        url("incident_edit", response),
        {"what": "Сель.", "country": "TJ", "region": "", "place": "Ванҷ", "happened_on": "2026-04-12"},
    )
    assert answer.status_code == 302 and answer["Location"] == url("incident", response)
    incident = Incident.objects.get(network=response)
    assert (incident.what, incident.country.code, incident.place) == ("Сель.", "TJ", "Ванҷ")

    page = client.get(url("incident_edit", response)).content.decode()
    assert "Ванҷ" in page and 'value="2026-04-12"' in page


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"what": ""}, "what", "This field is required."),
        ({"happened_on": "вчера"}, "happened_on", "Enter a valid date."),
        ({"happened_on": "2999-01-01"}, "happened_on", "The date cannot be in the future."),
        ({"country": "XX"}, "country", "Select a valid choice."),
    ],
)
def test_a_wrong_description_comes_back_with_what_was_typed(
    client, response, coordinator, values, field, message
):
    client.force_login(coordinator)
    data = {
        "what": "Сель сошёл.",
        "country": "TJ",
        "region": "",
        "place": "Ванҷ",
        "happened_on": "2026-04-12",
    }
    answer = client.post(url("incident_edit", response), {**data, **values})

    assert answer.status_code == 200
    assert message in str(answer.context["form"].errors[field])
    assert "Ванҷ" in answer.content.decode()
    assert not Incident.objects.exists()


@pytest.mark.parametrize("who", ["kg_owner", "tj_owner", "reader", "outsider"])
def test_only_coordinators_open_the_description_form(request, client, response, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("incident_edit", response)).status_code == 403
    assert client.post(url("incident_edit", response), {"what": "x"}).status_code == 403
    assert not Incident.objects.exists()


def test_an_anonymous_visitor_is_asked_to_log_in(client, response, incident, water):
    for address in (
        url("incident_edit", response),
        url("need_new", response),
        url("incident_close", response),
    ):
        assert client.get(address)["Location"].startswith(reverse("account_login"))
    assert client.post(url("need_pledge", response, water.pk), {"quantity": "1"}).status_code == 302
    assert not Pledge.objects.exists()


# Needs ------------------------------------------------------------------------------------------------------


def test_a_coordinator_adds_a_need(client, response, incident, coordinator):
    client.force_login(coordinator)
    assert_within_budget(client.get(url("need_new", response)))
    answer = client.post(
        url("need_new", response),
        {"kind": NeedKind.MONEY, "title": "На палатки", "quantity": "15000", "unit": "сомони"},
    )
    need = Need.objects.get()
    assert answer["Location"] == url("incident", response) + f"#need-{need.pk}"
    assert (need.title, need.quantity, need.unit) == ("На палатки", Decimal(15000), "сомони")


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("-5", "Give a quantity greater than zero."),
        ("0", "Give a quantity greater than zero."),
        ("десять", "Give the quantity as a number."),
        ("1.005", "Give the quantity with at most two decimals."),
        ("", "This field is required."),
    ],
)
def test_a_need_with_a_wrong_quantity_comes_back(client, response, incident, coordinator, quantity, message):
    client.force_login(coordinator)
    answer = client.post(
        url("need_new", response),
        {"kind": NeedKind.GOODS, "title": "Палатки", "quantity": quantity, "unit": "шт."},
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["quantity"] == [message]
    assert 'value="Палатки"' in answer.content.decode()
    assert not Need.objects.exists()


def test_a_need_before_the_incident_leads_to_describing_it(client, response, coordinator):
    client.force_login(coordinator)
    assert client.get(url("need_new", response))["Location"] == url("incident_edit", response)


def test_a_coordinator_changes_a_need(client, response, pledged, coordinator):
    client.force_login(coordinator)
    form = client.get(url("need_edit", response, pledged.pk))
    assert_within_budget(form)
    assert 'value="Питьевая вода"' in form.content.decode() and "7 of 10 т pledged" in form.content.decode()
    answer = client.post(
        url("need_edit", response, pledged.pk),
        {"kind": NeedKind.GOODS, "title": "Вода", "quantity": "12", "unit": "т"},
    )
    assert answer.status_code == 302
    need = Need.objects.get()
    assert (need.title, need.quantity, need.pledged) == ("Вода", Decimal(12), Decimal(7))


def test_a_need_of_another_network_is_not_found(client, response, water, coordinator, kz_ngo):
    other = make_response(coordinator, kz_ngo, name="Другой ответ")
    client.force_login(coordinator)
    assert client.get(url("need_edit", other, water.pk)).status_code == 404
    assert client.post(url("need_pledge", other, water.pk), {"quantity": "1"}).status_code == 404


@pytest.mark.parametrize("who", ["kg_owner", "reader", "outsider"])
def test_only_coordinators_change_needs(request, client, response, water, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("need_edit", response, water.pk)).status_code == 403
    assert client.get(url("need_new", response)).status_code == 403


# Pledging ---------------------------------------------------------------------------------------------------


def test_pledging_for_an_organization(client, response, water, outsider, outsider_ngo):
    client.force_login(outsider)
    answer = client.post(
        url("need_pledge", response, water.pk),
        {"quantity": "3", "organization": str(outsider_ngo.pk), "note": "В понедельник"},
        follow=True,
    )
    assert answer.redirect_chain == [(url("incident", response) + f"#need-{water.pk}", 302)]
    made = Pledge.objects.get()
    assert (made.organization, made.person, made.quantity, made.note) == (
        outsider_ngo,
        outsider,
        Decimal(3),
        "В понедельник",
    )
    page = answer.content.decode()
    assert "Thank you: your pledge is recorded." in page and "Посторонний фонд</a>: 3 т" in page


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"quantity": "-1"}, "quantity", "Give a quantity greater than zero."),
        ({"quantity": "три"}, "quantity", "Give the quantity as a number."),
        ({"quantity": ""}, "quantity", "This field is required."),
        ({"quantity": "1", "organization": "999999"}, "organization", "Select a valid choice."),
    ],
)
def test_a_wrong_pledge_comes_back_and_nothing_is_written(
    client, response, water, outsider, outsider_ngo, values, field, message
):
    client.force_login(outsider)
    answer = client.post(url("need_pledge", response, water.pk), {"note": "Завтра", **values})

    assert_within_budget(answer)
    assert message in answer.context["form"].errors[field][0]
    assert 'value="Завтра"' in answer.content.decode()
    assert not Pledge.objects.exists() and Need.objects.get().pledged == 0


def test_a_pledge_beyond_the_need_asks_to_confirm_and_keeps_what_was_typed(
    client, response, pledged, outsider, outsider_ngo
):
    client.force_login(outsider)
    typed = {"quantity": "5", "organization": str(outsider_ngo.pk), "note": "Цистерна"}

    answer = client.post(url("need_pledge", response, pledged.pk), typed)

    assert_within_budget(answer)
    page = answer.content.decode()
    assert "Only 3 т are still needed: your pledge of 5 т goes 2 т beyond the need." in page
    assert 'name="beyond_confirmed"' in page and 'value="Цистерна"' in page and 'value="5"' in page
    assert f'value="{outsider_ngo.pk}" id="need{pledged.pk}_organization_1" checked' in page
    assert Pledge.objects.count() == 2

    # Sent again without ticking the box: asked again, still nothing written.
    again = client.post(url("need_pledge", response, pledged.pk), {**typed, "beyond_confirmed": ""})
    assert again.status_code == 200 and Pledge.objects.count() == 2

    confirmed = client.post(url("need_pledge", response, pledged.pk), {**typed, "beyond_confirmed": "on"})

    assert confirmed.status_code == 302
    made = Pledge.objects.latest("pk")
    assert (made.quantity, made.beyond_need, made.organization) == (Decimal(5), Decimal(2), outsider_ngo)
    page = client.get(url("incident", response)).content.decode()
    assert "pledged 2 т more than was still needed" in page and "12 of 10 т pledged (100 %)" in page
    assert "nothing more is needed" in page


def test_an_outsider_does_not_pledge_on_a_members_only_response(
    client, members_only_response, coordinator, outsider
):
    need = need_add(
        actor=coordinator,
        incident=describe(members_only_response, coordinator),
        kind=NeedKind.VOLUNTEERS,
        title="Волонтёры",
        quantity=5,
        unit="чел.",
    )
    client.force_login(outsider)
    assert (
        client.post(url("need_pledge", members_only_response, need.pk), {"quantity": "1"}).status_code == 404
    )
    assert not Pledge.objects.exists()


def test_a_pledge_to_a_closed_network_is_refused_with_a_message(
    client, response, water, coordinator, outsider
):
    network_close(actor=coordinator, network=response)
    client.force_login(outsider)
    answer = client.post(url("need_pledge", response, water.pk), {"quantity": "1"})
    assert answer.status_code == 200 and "This network is closed" in answer.content.decode()
    assert not Pledge.objects.exists()


def test_pledging_is_a_post(client, response, water, outsider):
    client.force_login(outsider)
    assert client.get(url("need_pledge", response, water.pk)).status_code == 405


# Closing ----------------------------------------------------------------------------------------------------


def test_a_coordinator_closes_the_response_with_a_report(client, response, water, coordinator):
    client.force_login(coordinator)
    assert_within_budget(client.get(url("incident_close", response)))

    empty = client.post(url("incident_close", response), {"closing_report": "  "})
    assert empty.status_code == 200 and empty.context["form"].errors["closing_report"]
    assert Incident.objects.get().status == IncidentStatus.RESPONDING

    answer = client.post(url("incident_close", response), {"closing_report": "Доставлено 10 т воды."})
    assert answer["Location"] == url("incident", response)
    incident = Incident.objects.get()
    assert incident.status == IncidentStatus.CLOSED and incident.closing_report == "Доставлено 10 т воды."
    assert client.get(url("incident_close", response))["Location"] == url("incident", response)


@pytest.mark.parametrize("who", ["kg_owner", "tj_owner", "reader", "outsider"])
def test_only_coordinators_close_the_response(request, client, response, incident, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post(url("incident_close", response), {"closing_report": "Готово."}).status_code == 403
    assert Incident.objects.get().status == IncidentStatus.RESPONDING


def test_the_region_must_be_of_the_country_chosen(client, response, coordinator):
    region = Country.objects.get(code="KG").regions.order_by("code").first()
    client.force_login(coordinator)
    answer = client.post(
        url("incident_edit", response),
        {"what": "Сель.", "country": "TJ", "region": region.code, "place": "", "happened_on": "2026-04-12"},
    )
    assert answer.context["form"].errors["region"] == ["Choose a region of the country chosen."]
    assert not Incident.objects.exists()


def test_someone_who_pledged_for_themselves_sees_their_own_pledge_as_theirs(
    client, response, pledged, outsider
):
    client.force_login(outsider)
    page = client.get(url("incident", response)).content.decode()
    assert "you: 2 т" in page and "Oleg: 2 т" not in page and "a person: 2 т" not in page
