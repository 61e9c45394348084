"""The response's services: who may describe the incident, list needs, pledge and close; what each writes,
audits and tells; and the rule for a pledge beyond what is still needed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Country, Event, Region
from birge.core.notifications.models import Notification
from birge.networks.events import Verb
from birge.networks.networks.services import network_close
from birge.networks.response.models import Incident, IncidentStatus, Need, NeedKind, Pledge
from birge.networks.response.services import (
    BeyondNeed,
    incident_close,
    incident_save,
    need_add,
    need_update,
    pledge,
)
from birge.networks.response.tests.conftest import HAPPENED_ON, describe
from birge.orgs.members.models import Role as OrgRole
from birge.orgs.tests.factories import OrganizationFactory, with_member

pytestmark = pytest.mark.usefixtures("in_english")

NOT_COORDINATORS = ["kg_owner", "tj_owner", "reader", "outsider"]


def tajikistan():
    return Country.objects.get(code="TJ")


# The incident -----------------------------------------------------------------------------------------------


def test_a_coordinator_describes_the_incident_and_it_is_audited(response, coordinator):
    incident = describe(response, coordinator)

    incident.refresh_from_db()
    assert incident.network == response and incident.status == IncidentStatus.RESPONDING
    assert (incident.country.code, incident.place, incident.happened_on) == ("TJ", "Ванҷ", HAPPENED_ON)
    event = Event.objects.get(verb=Verb.INCIDENT_CHANGED)
    assert event.actor == coordinator and event.old == {}
    assert event.new["country"] == "TJ" and event.new["happened_on"] == "2026-04-12"


def test_describing_it_again_changes_the_one_incident_and_audits_what_changed(
    incident, response, coordinator
):
    incident_save(
        actor=coordinator,
        network=response,
        what=incident.what,
        country=tajikistan(),
        region=incident.region,
        place="Ванҷ, кишлак Рохарв",
        happened_on=HAPPENED_ON,
    )

    assert Incident.objects.get(network=response).place == "Ванҷ, кишлак Рохарв"
    assert Incident.objects.count() == 1
    event = Event.objects.filter(verb=Verb.INCIDENT_CHANGED).latest("pk")
    assert event.old == {"place": "Ванҷ"} and event.new == {"place": "Ванҷ, кишлак Рохарв"}


@pytest.mark.parametrize("who", NOT_COORDINATORS)
def test_only_coordinators_describe_the_incident(request, response, who):
    with pytest.raises(PermissionDenied):
        describe(response, request.getfixturevalue(who))
    assert not Incident.objects.exists() and not Event.objects.filter(verb=Verb.INCIDENT_CHANGED).exists()


def test_only_a_response_network_has_an_incident(network, coordinator):
    with pytest.raises(ValidationError) as refused:
        describe(network, coordinator)
    assert refused.value.messages == ["Only a short-term response network describes an incident."]
    assert not Incident.objects.exists()


def test_an_incident_needs_what_happened_a_region_of_its_country_and_a_past_date(response, coordinator):
    with pytest.raises(ValidationError) as refused:
        incident_save(
            actor=coordinator,
            network=response,
            what="  ",
            country=tajikistan(),
            region=Region.objects.filter(country__code="KG").first(),
            happened_on=dt.date.today() + dt.timedelta(days=3),
        )
    assert refused.value.message_dict == {
        "what": ["Say what happened."],
        "region": ["Choose a region of the country chosen."],
        "happened_on": ["The date cannot be in the future."],
    }
    assert not Incident.objects.exists()


def test_a_closed_network_takes_no_new_description(response, coordinator):
    network_close(actor=coordinator, network=response)
    with pytest.raises(ValidationError):
        describe(response, coordinator)
    assert not Incident.objects.exists()


# Needs ------------------------------------------------------------------------------------------------------


def test_a_coordinator_lists_needs_in_order_and_it_is_audited(incident, coordinator):
    water = need_add(
        actor=coordinator,
        incident=incident,
        kind=NeedKind.GOODS,
        title="Вода",
        quantity=Decimal(10),
        unit="т",
    )
    doctors = need_add(
        actor=coordinator,
        incident=incident,
        kind=NeedKind.EXPERTISE,
        title="Врачи",
        quantity=Decimal("2.5"),
        unit="человек",
    )

    assert list(incident.needs.values_list("title", "position")) == [("Вода", 0), ("Врачи", 1)]
    assert (doctors.quantity, doctors.pledged) == (Decimal("2.50"), Decimal(0))
    events = list(Event.objects.filter(verb=Verb.NEED_ADDED).order_by("pk"))
    assert [event.new["need"] for event in events] == [water.pk, doctors.pk]
    assert events[1].new["quantity"] == "2.50" and events[1].actor == coordinator


@pytest.mark.parametrize("who", NOT_COORDINATORS)
def test_only_coordinators_list_needs(request, incident, who):
    with pytest.raises(PermissionDenied):
        need_add(
            actor=request.getfixturevalue(who),
            incident=incident,
            kind=NeedKind.MONEY,
            title="Деньги",
            quantity=Decimal(1000),
            unit="сомони",
        )
    assert not Need.objects.exists()


@pytest.mark.parametrize("quantity", [Decimal(0), Decimal(-5), Decimal("1.005"), "много"])
def test_a_need_is_a_positive_quantity_with_a_title_and_a_unit(incident, coordinator, quantity):
    with pytest.raises(ValidationError) as refused:
        need_add(actor=coordinator, incident=incident, kind="food", title="", quantity=quantity, unit="")
    assert set(refused.value.message_dict) == {"kind", "title", "quantity", "unit"}
    assert not Need.objects.exists()


def test_changing_a_need_keeps_what_was_pledged(water, coordinator, outsider):
    pledge(actor=outsider, need=water, quantity=Decimal(4))

    need_update(
        actor=coordinator,
        need=water,
        kind=NeedKind.GOODS,
        title="Питьевая вода",
        quantity=Decimal(3),
        unit="т",
    )

    water.refresh_from_db()
    assert (water.quantity, water.pledged, water.remaining, water.percent) == (
        Decimal(3),
        Decimal(4),
        Decimal(0),
        100,
    )
    event = Event.objects.get(verb=Verb.NEED_CHANGED)
    assert event.old == {"need": water.pk, "quantity": "10.00"} and event.new == {
        "need": water.pk,
        "quantity": "3.00",
    }


@pytest.mark.parametrize("who", NOT_COORDINATORS)
def test_only_coordinators_change_needs(request, water, who):
    with pytest.raises(PermissionDenied):
        need_update(
            actor=request.getfixturevalue(who),
            need=water,
            kind=NeedKind.GOODS,
            title="x",
            quantity=1,
            unit="т",
        )
    assert Need.objects.get().title == "Питьевая вода"


# Pledges ----------------------------------------------------------------------------------------------------


def test_anyone_signed_in_pledges_for_themselves_on_a_public_network_and_coordinators_are_told(
    water, outsider, coordinator, kg_owner
):
    made = pledge(actor=outsider, need=water, quantity=Decimal(4), note="Привезём в пятницу")

    assert (made.person, made.organization, made.quantity, made.beyond_need) == (
        outsider,
        None,
        Decimal(4),
        Decimal(0),
    )
    water.refresh_from_db()
    assert water.pledged == Decimal(4) and water.remaining == Decimal(6)
    event = Event.objects.get(verb=Verb.PLEDGED)
    assert event.actor == outsider
    assert event.new == {"need": water.pk, "quantity": "4.00", "organization": None, "beyond_need": "0.00"}
    told = Notification.objects.filter(kind="networks.pledge")
    assert [notice.recipient for notice in told] == [coordinator]
    body = told.get().body
    # In the coordinator's Russian; a person who pledged for themselves is not named.
    assert "Частное лицо обещает 4 т по потребности «Питьевая вода»" in body and "Oleg" not in body


def test_someone_who_speaks_for_an_organization_pledges_in_its_name(water, outsider, outsider_ngo):
    made = pledge(actor=outsider, need=water, quantity=Decimal("2.5"), organization=outsider_ngo)

    assert made.organization == outsider_ngo and made.person == outsider
    assert Notification.objects.get(kind="networks.pledge").body.startswith(
        "Посторонний фонд обещает 2,50 т по потребности «Питьевая вода»"  # in the coordinator’s Russian
    )


def test_a_coordinator_who_pledges_is_not_told_of_their_own_pledge(water, coordinator, kz_ngo):
    pledge(actor=coordinator, need=water, quantity=Decimal(1), organization=kz_ngo)
    assert not Notification.objects.filter(kind="networks.pledge").exists()


def test_one_pledges_only_for_an_organization_one_speaks_for(water, reader, kz_ngo, kg_owner):
    with pytest.raises(PermissionDenied):
        pledge(actor=reader, need=water, quantity=Decimal(1), organization=kz_ngo)  # a member, not an editor
    with pytest.raises(PermissionDenied):
        pledge(actor=kg_owner, need=water, quantity=Decimal(1), organization=kz_ngo)
    assert not Pledge.objects.exists() and Need.objects.get().pledged == 0


def test_an_unpublished_organization_does_not_pledge(water, outsider):
    draft = with_member(OrganizationFactory(draft=True), outsider, OrgRole.OWNER)
    with pytest.raises(ValidationError) as refused:
        pledge(actor=outsider, need=water, quantity=Decimal(1), organization=draft)
    assert refused.value.message_dict == {
        "organization": ["Publish the organization's profile before it pledges."]
    }
    assert not Pledge.objects.exists()


def test_an_anonymous_visitor_does_not_pledge(water):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        pledge(actor=AnonymousUser(), need=water, quantity=Decimal(1))
    assert not Pledge.objects.exists()


@pytest.mark.parametrize("quantity", [Decimal(0), Decimal(-1), Decimal("0.001"), "abc"])
def test_a_pledge_is_a_positive_quantity(water, outsider, quantity):
    with pytest.raises(ValidationError) as refused:
        pledge(actor=outsider, need=water, quantity=quantity)
    assert list(refused.value.message_dict) == ["quantity"]
    assert not Pledge.objects.exists()


def test_on_a_members_only_network_only_people_of_member_organizations_pledge(
    members_only_response, coordinator, reader, kg_owner, kg_ngo, outsider, outsider_ngo
):
    incident = describe(members_only_response, coordinator)
    need = need_add(
        actor=coordinator,
        incident=incident,
        kind=NeedKind.VOLUNTEERS,
        title="Волонтёры",
        quantity=5,
        unit="чел.",
    )
    for who, organization in ((outsider, None), (outsider, outsider_ngo)):
        with pytest.raises(PermissionDenied):
            pledge(actor=who, need=need, quantity=Decimal(1), organization=organization)
    assert not Pledge.objects.exists()

    pledge(actor=reader, need=need, quantity=Decimal(1))
    pledge(actor=kg_owner, need=need, quantity=Decimal(2), organization=kg_ngo)

    assert Need.objects.get(pk=need.pk).pledged == Decimal(3)


def test_a_member_of_a_secret_response_network_pledges_and_others_may_not(kg_ngo, kg_owner, outsider):
    from birge.networks.networks.models import Visibility
    from birge.networks.response.tests.conftest import make_response

    secret = make_response(kg_owner, kg_ngo, visibility=Visibility.SECRET, name="Тайный ответ")
    need = need_add(
        actor=kg_owner,
        incident=describe(secret, kg_owner),
        kind=NeedKind.MONEY,
        title="Деньги",
        quantity=1000,
        unit="сом",
    )
    with pytest.raises(PermissionDenied):
        pledge(actor=outsider, need=need, quantity=Decimal(10))
    pledge(actor=kg_owner, need=need, quantity=Decimal(10), organization=kg_ngo)
    assert Need.objects.get(pk=need.pk).pledged == Decimal(10)


# Beyond the need --------------------------------------------------------------------------------------------


def test_a_pledge_beyond_what_is_still_needed_is_refused_unless_confirmed(water, outsider, kg_owner, kg_ngo):
    pledge(actor=kg_owner, need=water, quantity=Decimal(7), organization=kg_ngo)

    with pytest.raises(BeyondNeed) as refused:
        pledge(actor=outsider, need=water, quantity=Decimal(5))

    assert refused.value.message_dict == {
        "quantity": [
            "Only 3 т are still needed: your pledge of 5 т goes 2 т beyond the need. Confirm to pledge it "
            "anyway, or pledge less."
        ]
    }
    assert (refused.value.remaining, refused.value.beyond) == (Decimal(3), Decimal(2))
    assert Pledge.objects.count() == 1 and Need.objects.get().pledged == Decimal(7)
    assert Event.objects.filter(verb=Verb.PLEDGED).count() == 1

    made = pledge(actor=outsider, need=water, quantity=Decimal(5), beyond_confirmed=True)

    assert made.beyond_need == Decimal(2)
    water.refresh_from_db()
    assert (water.pledged, water.remaining, water.percent) == (Decimal(12), Decimal(0), 100)
    assert Event.objects.filter(verb=Verb.PLEDGED).latest("pk").new["beyond_need"] == "2.00"
    assert "Обещание превышает оставшуюся потребность на 2 т; пообещавший это подтвердил." in (
        Notification.objects.filter(kind="networks.pledge").first().body
    )


def test_a_pledge_of_exactly_what_is_left_is_not_beyond_the_need(water, outsider):
    pledge(actor=outsider, need=water, quantity=Decimal("9.5"))
    made = pledge(actor=outsider, need=water, quantity=Decimal("0.5"))
    assert made.beyond_need == 0 and Need.objects.get().remaining == 0


def test_a_pledge_to_a_need_fully_pledged_says_nothing_more_is_needed(water, outsider):
    pledge(actor=outsider, need=water, quantity=Decimal(10))
    with pytest.raises(BeyondNeed) as refused:
        pledge(actor=outsider, need=water, quantity=Decimal(1))
    assert refused.value.messages[0].startswith("Nothing more is needed here: all of it is pledged already.")
    made = pledge(actor=outsider, need=water, quantity=Decimal(1), beyond_confirmed=True)
    assert made.beyond_need == Decimal(1)


def test_a_stale_copy_of_the_need_does_not_hide_earlier_pledges(water, outsider, kg_owner):
    """The remainder is read from the database, not from the need the caller holds."""
    stale = Need.objects.get(pk=water.pk)
    pledge(actor=kg_owner, need=water, quantity=Decimal(8))
    with pytest.raises(BeyondNeed):
        pledge(actor=outsider, need=stale, quantity=Decimal(3))
    pledge(actor=outsider, need=stale, quantity=Decimal(2))
    assert Need.objects.get().pledged == Decimal(10)


# Closing ----------------------------------------------------------------------------------------------------


def test_closing_the_response_keeps_the_report_and_tells_everyone_in_the_network(
    water, response, coordinator, reader, kg_owner, tj_owner, outsider
):
    pledge(actor=outsider, need=water, quantity=Decimal(2))
    Notification.objects.all().delete()

    incident = incident_close(actor=coordinator, network=response, closing_report="Воду доставили.")

    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED and incident.closing_report == "Воду доставили."
    assert incident.closed_at is not None
    event = Event.objects.get(verb=Verb.INCIDENT_CLOSED)
    assert event.actor == coordinator and event.new == {"status": "closed"}
    told = {notice.recipient for notice in Notification.objects.filter(kind="networks.announcement")}
    assert told == {coordinator, reader, kg_owner, tj_owner}


def test_a_closed_response_takes_no_pledges_nor_needs(water, response, coordinator, outsider):
    incident_close(actor=coordinator, network=response, closing_report="Всё сделано.")

    with pytest.raises(ValidationError) as refused:
        pledge(actor=outsider, need=water, quantity=Decimal(1))
    assert refused.value.messages == [
        "The response to this incident is closed: it takes no new needs or pledges."
    ]
    with pytest.raises(ValidationError):
        need_add(
            actor=coordinator,
            incident=Incident.objects.get(),
            kind=NeedKind.MONEY,
            title="Деньги",
            quantity=1,
            unit="сомони",
        )
    assert not Pledge.objects.exists() and Need.objects.count() == 1


def test_a_closed_network_takes_no_pledges(water, response, coordinator, outsider):
    network_close(actor=coordinator, network=response)
    with pytest.raises(ValidationError):
        pledge(actor=outsider, need=water, quantity=Decimal(1))
    assert not Pledge.objects.exists()


def test_the_closing_report_is_required_and_the_response_closes_once(incident, response, coordinator):
    with pytest.raises(ValidationError) as refused:
        incident_close(actor=coordinator, network=response, closing_report="   ")
    assert refused.value.message_dict == {
        "closing_report": ["Write the closing report: what was done, what is left."]
    }
    assert Incident.objects.get().status == IncidentStatus.RESPONDING

    incident_close(actor=coordinator, network=response, closing_report="Готово.")
    with pytest.raises(ValidationError) as again:
        incident_close(actor=coordinator, network=response, closing_report="Ещё раз.")
    assert again.value.messages == ["The response to this incident is already closed."]
    assert Incident.objects.get().closing_report == "Готово."
    assert Event.objects.filter(verb=Verb.INCIDENT_CLOSED).count() == 1


@pytest.mark.parametrize("who", NOT_COORDINATORS)
def test_only_coordinators_close_the_response(request, incident, response, who):
    with pytest.raises(PermissionDenied):
        incident_close(actor=request.getfixturevalue(who), network=response, closing_report="Готово.")
    assert Incident.objects.get().status == IncidentStatus.RESPONDING
    assert not Notification.objects.filter(kind="networks.announcement").exists()


def test_a_response_without_an_incident_cannot_be_closed(response, coordinator):
    with pytest.raises(ValidationError) as refused:
        incident_close(actor=coordinator, network=response, closing_report="Готово.")
    assert refused.value.messages == ["Describe the incident first."]
