"""Starting and changing a joint project, its status and its partners: who may, every refusal's message,
and what the audit log keeps."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.networks.conftest import organization_in
from birge.networks.networks.models import Visibility as NetworkVisibility
from birge.orgs.members.models import Membership
from birge.orgs.tests.factories import OrganizationFactory
from birge.projects.conftest import countries
from birge.projects.events import Verb
from birge.projects.permissions import may_know
from birge.projects.plan.models import Activity
from birge.projects.plan.services import activity_add
from birge.projects.projects.models import Partner, PartnerRole, Project, Status, Visibility
from birge.projects.projects.services import (
    partner_add,
    partner_remove,
    project_create,
    project_update,
    status_change,
)
from birge.projects.tests.helpers import award_to
from conftest import make_user

pytestmark = pytest.mark.usefixtures("in_english")


def messages(raised, field: str) -> list[str]:
    return raised.value.message_dict[field]


# Starting a project ------------------------------------------------------------------------------------


def test_the_lead_is_the_projects_first_organization_and_the_start_is_recorded(kz_ngo, coordinator):
    project = project_create(actor=coordinator, lead=kz_ngo, title="  Права мигрантов  ")

    assert project.title == "Права мигрантов"
    assert project.slug == "prava-migrantov"
    assert (project.status, project.visibility, project.created_by) == (
        Status.PLANNED,
        Visibility.PUBLIC,
        coordinator,
    )
    lead = Partner.objects.get(project=project)
    assert (lead.organization, lead.role) == (kz_ngo, PartnerRole.LEAD)
    assert list(project.countries.values_list("code", flat=True)) == ["KZ"]  # the lead's, when none is given
    event = Event.objects.get(verb=Verb.CREATED)
    assert (event.actor, event.target_id, event.new["lead"]) == (coordinator, str(project.pk), kz_ngo.pk)


def test_only_someone_who_speaks_for_the_lead_starts_a_project(kz_ngo, reader, outsider, kg_owner):
    for person in (reader, outsider, kg_owner):
        with pytest.raises(PermissionDenied):
            project_create(actor=person, lead=kz_ngo, title="Проект")
    assert not Project.objects.exists()


def test_an_unpublished_organization_leads_nothing(reference, coordinator):
    draft = OrganizationFactory(draft=True)
    Membership.objects.create(organization=draft, user=coordinator, role="owner")

    with pytest.raises(ValidationError) as raised:
        project_create(actor=coordinator, lead=draft, title="Проект")

    assert messages(raised, "lead") == ["Publish the organization's profile before it leads a project."]


def test_the_title_is_required_and_the_dates_in_order(kz_ngo, coordinator):
    with pytest.raises(ValidationError) as raised:
        project_create(
            actor=coordinator,
            lead=kz_ngo,
            title=" ",
            starts_on=dt.date(2026, 5, 1),
            ends_on=dt.date(2026, 4, 1),
            summary="Текст\x07",
        )

    assert messages(raised, "title") == ["Give the project a title."]
    assert messages(raised, "ends_on") == ["The end comes before the start."]
    assert "summary" in raised.value.message_dict
    assert not Project.objects.exists()


def test_a_project_of_a_network_needs_a_lead_that_belongs_to_it(kz_ngo, coordinator, network, secret_network):
    with pytest.raises(ValidationError) as raised:
        project_create(actor=coordinator, lead=kz_ngo, title="Проект", network=secret_network)
    assert messages(raised, "network") == ["Choose a network the lead organization belongs to."]

    project = project_create(actor=coordinator, lead=kz_ngo, title="Проект", network=network)
    assert project.network == network


def test_a_project_of_a_secret_network_has_an_address_that_says_nothing(kg_ngo, kg_owner, secret_network):
    project = project_create(actor=kg_owner, lead=kg_ngo, title="Убежища", network=secret_network)

    assert project.slug.startswith("p-") and "ubezh" not in project.slug
    public = project_create(actor=kg_owner, lead=kg_ngo, title="Убежища")
    assert public.slug == "ubezhishcha"  # no "-2" to betray the other


# Changing it -------------------------------------------------------------------------------------------


def test_the_lead_changes_the_project_and_the_log_keeps_what_changed(project, coordinator):
    themes = sorted(project.themes.values_list("slug", flat=True))
    project_update(
        actor=coordinator,
        project=project,
        title="Права мигрантов — 2",
        visibility=Visibility.PARTNERS,
        themes=[],
        countries=countries("KZ"),
    )

    project.refresh_from_db()
    assert (project.title, project.visibility) == ("Права мигрантов — 2", Visibility.PARTNERS)
    assert project.slug == "prava-migrantov-v-puti"  # the address stays: the IATI identifier is made of it
    assert list(project.countries.values_list("code", flat=True)) == ["KZ"]
    event = Event.objects.get(verb=Verb.CHANGED)
    assert event.old == {
        "title": "Права мигрантов в пути",
        "visibility": "public",
        "themes": themes,
        "countries": ["KG", "KZ", "TJ"],
    }
    assert event.new == {
        "project": project.pk,
        "title": "Права мигрантов — 2",
        "visibility": "partners",
        "themes": [],
        "countries": ["KZ"],
    }


def test_partners_and_others_do_not_change_the_project(project, kg_owner, reader, outsider):
    for person in (kg_owner, reader, outsider):
        with pytest.raises(PermissionDenied):
            project_update(actor=person, project=project, title="Чужой")
    assert not Event.objects.filter(verb=Verb.CHANGED).exists()


def test_dates_that_leave_activities_outside_are_refused(project, coordinator):
    activity_add(
        actor=coordinator,
        project=project,
        title="Обучение",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 4, 1),
    )

    with pytest.raises(ValidationError) as raised:
        project_update(actor=coordinator, project=project, starts_on=dt.date(2026, 3, 15))

    assert messages(raised, "starts_on") == [
        "Some activities of the plan fall outside these dates: change them first."
    ]
    project_update(actor=coordinator, project=project, starts_on=dt.date(2026, 2, 1))
    assert Project.objects.get().starts_on == dt.date(2026, 2, 1)


def test_moving_into_a_secret_network_changes_the_address(kg_ngo, kg_owner, secret_network):
    project = project_create(actor=kg_owner, lead=kg_ngo, title="Убежища")

    project_update(actor=kg_owner, project=project, network=secret_network)

    assert project.slug.startswith("p-")


# Peer development --------------------------------------------------------------------------------------


def test_peer_development_pairs_two_partners_across_a_border(project, coordinator, kz_ngo, kg_ngo):
    project_update(actor=coordinator, project=project, peer_development=True, mentor=kz_ngo, mentee=kg_ngo)

    project.refresh_from_db()
    assert (project.peer_development, project.mentor, project.mentee) == (True, kz_ngo, kg_ngo)
    # Without peer development, the pair is forgotten.
    project_update(actor=coordinator, project=project, peer_development=False, mentor=kz_ngo, mentee=kg_ngo)
    project.refresh_from_db()
    assert (project.mentor, project.mentee) == (None, None)


def test_peer_development_needs_both_organizations_among_the_partners(project, coordinator, kz_ngo, tj_ngo):
    with pytest.raises(ValidationError) as raised:
        project_update(actor=coordinator, project=project, peer_development=True)
    assert messages(raised, "mentor") == ["Choose the mentor among the project's organizations."]
    assert messages(raised, "mentee") == ["Choose the mentee among the project's organizations."]

    with pytest.raises(ValidationError) as raised:
        project_update(
            actor=coordinator, project=project, peer_development=True, mentor=kz_ngo, mentee=tj_ngo
        )
    assert messages(raised, "mentee") == ["The mentee must be one of the project's organizations."]

    with pytest.raises(ValidationError) as raised:
        project_update(
            actor=coordinator, project=project, peer_development=True, mentor=tj_ngo, mentee=kz_ngo
        )
    assert messages(raised, "mentor") == ["The mentor must be one of the project's organizations."]


def test_peer_development_refuses_one_organization_twice_and_a_pair_in_one_country(
    project, coordinator, kz_ngo
):
    with pytest.raises(ValidationError) as raised:
        project_update(
            actor=coordinator, project=project, peer_development=True, mentor=kz_ngo, mentee=kz_ngo
        )
    assert messages(raised, "mentee") == ["The mentor and the mentee must be two different organizations."]

    neighbour = organization_in("KZ", make_user("almaty@example.org"), name="Алматы", name_ru="Алматы")
    partner_add(actor=coordinator, project=project, organization=neighbour)
    with pytest.raises(ValidationError) as raised:
        project_update(
            actor=coordinator, project=project, peer_development=True, mentor=kz_ngo, mentee=neighbour
        )
    assert messages(raised, "mentee") == [
        "Peer development links organizations across a border: "
        "the mentor and the mentee must be in different countries."
    ]
    assert not Project.objects.get().peer_development


# The funding award -------------------------------------------------------------------------------------


def test_an_award_is_linked_only_if_made_to_one_of_the_projects_organizations(
    project, coordinator, kg_ngo, outsider_ngo, ready_call
):
    foreign = award_to(ready_call, outsider_ngo)
    with pytest.raises(ValidationError) as raised:
        project_update(actor=coordinator, project=project, award=foreign)
    assert messages(raised, "award") == ["Link an award made to one of the project's organizations."]

    ours = award_to(ready_call, kg_ngo)
    project_update(actor=coordinator, project=project, award=ours)
    assert Project.objects.get().award == ours
    assert Event.objects.filter(verb=Verb.CHANGED).order_by("pk").last().new["award"] == ours.pk


# Status ------------------------------------------------------------------------------------------------


def test_the_status_moves_only_as_the_transitions_allow(project, coordinator):
    status_change(actor=coordinator, project=project, status=Status.ACTIVE)
    status_change(actor=coordinator, project=project, status=Status.SUSPENDED)
    status_change(actor=coordinator, project=project, status=Status.ACTIVE)
    status_change(actor=coordinator, project=project, status=Status.COMPLETED)

    with pytest.raises(ValidationError) as raised:
        status_change(actor=coordinator, project=project, status=Status.ACTIVE)
    assert messages(raised, "status") == ["A project that is completed cannot become under way."]
    with pytest.raises(ValidationError) as raised:
        status_change(actor=coordinator, project=project, status="lost")
    assert messages(raised, "status") == ["Choose a status."]
    events = Event.objects.filter(verb=Verb.STATUS_CHANGED).order_by("pk")
    assert [event.new["status"] for event in events] == ["active", "suspended", "active", "completed"]
    assert events[0].old == {"status": "planned"}


def test_a_planned_project_cannot_be_completed_and_only_the_lead_moves_it(project, coordinator, kg_owner):
    with pytest.raises(ValidationError) as raised:
        status_change(actor=coordinator, project=project, status=Status.COMPLETED)
    assert messages(raised, "status") == ["A project that is planned cannot become completed."]
    with pytest.raises(PermissionDenied):
        status_change(actor=kg_owner, project=project, status=Status.ACTIVE)
    assert Project.objects.get().status == Status.PLANNED


# Partners ----------------------------------------------------------------------------------------------


def test_the_lead_adds_a_partner_and_a_cofunder(project, coordinator, tj_ngo, outsider_ngo):
    partner_add(actor=coordinator, project=project, organization=tj_ngo, contribution="Юристы в Худжанде")
    partner_add(actor=coordinator, project=project, organization=outsider_ngo, role=PartnerRole.COFUNDER)

    roles = dict(Partner.objects.filter(project=project).values_list("organization__slug", "role"))
    assert roles[tj_ngo.slug] == "partner" and roles[outsider_ngo.slug] == "cofunder"
    event = Event.objects.filter(verb=Verb.PARTNER_ADDED).order_by("pk").last()
    assert (event.actor, event.new) == (
        coordinator,
        {"project": project.pk, "organization": outsider_ngo.pk, "role": "cofunder"},
    )


def test_only_the_lead_adds_partners(project, kg_owner, reader, tj_ngo):
    for person in (kg_owner, reader):
        with pytest.raises(PermissionDenied):
            partner_add(actor=person, project=project, organization=tj_ngo)
    assert not Partner.objects.filter(organization=tj_ngo).exists()


def test_a_partner_must_be_published_new_and_not_a_second_lead(
    project, coordinator, kg_ngo, tj_ngo, reference
):
    draft = OrganizationFactory(draft=True)
    with pytest.raises(ValidationError) as raised:
        partner_add(actor=coordinator, project=project, organization=draft)
    assert messages(raised, "organization") == [
        "Only an organization with a published profile can join a project."
    ]

    with pytest.raises(ValidationError) as raised:
        partner_add(actor=coordinator, project=project, organization=kg_ngo)
    assert messages(raised, "organization") == ["This organization is in the project already."]

    with pytest.raises(ValidationError) as raised:
        partner_add(actor=coordinator, project=project, organization=tj_ngo, role=PartnerRole.LEAD)
    assert messages(raised, "role") == ["Choose partner or co-funder."]
    assert Partner.objects.filter(project=project).count() == 2


def test_removing_a_partner_frees_its_activities_and_is_recorded(project, coordinator, kg_ngo):
    activity = activity_add(
        actor=coordinator,
        project=project,
        title="Приёмная в Оше",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 3, 1),
        responsible=kg_ngo,
    )
    partner = Partner.objects.get(project=project, organization=kg_ngo)

    partner_remove(actor=coordinator, partner=partner)

    assert not Partner.objects.filter(organization=kg_ngo).exists()
    assert Activity.objects.get(pk=activity.pk).responsible is None
    event = Event.objects.get(verb=Verb.PARTNER_REMOVED)
    assert event.old == {"organization": kg_ngo.pk, "role": "partner"}


def test_the_lead_stays_and_the_peer_pair_and_the_award_hold_their_organizations(
    project, coordinator, kz_ngo, kg_ngo, kg_owner, ready_call
):
    lead = Partner.objects.get(project=project, organization=kz_ngo)
    with pytest.raises(ValidationError) as raised:
        partner_remove(actor=coordinator, partner=lead)
    assert raised.value.messages == ["The lead organization cannot leave its own project."]

    def partner():  # read again after each change of the project
        return Partner.objects.select_related("project").get(project=project, organization=kg_ngo)

    with pytest.raises(PermissionDenied):
        partner_remove(actor=kg_owner, partner=partner())

    project_update(actor=coordinator, project=project, peer_development=True, mentor=kz_ngo, mentee=kg_ngo)
    with pytest.raises(ValidationError) as raised:
        partner_remove(actor=coordinator, partner=partner())
    assert raised.value.messages == [
        "This organization is the mentor or the mentee of the peer development: change that first."
    ]

    project_update(
        actor=coordinator, project=project, peer_development=False, award=award_to(ready_call, kg_ngo)
    )
    with pytest.raises(ValidationError) as raised:
        partner_remove(actor=coordinator, partner=partner())
    assert raised.value.messages == [
        "The project's funding award was made to this organization: unlink it first."
    ]
    assert Partner.objects.filter(project=project).count() == 2


def test_a_secret_networks_project_is_private_whatever_its_visibility(
    kg_ngo, kg_owner, secret_network, outsider
):
    project = project_create(actor=kg_owner, lead=kg_ngo, title="Убежища", network=secret_network)
    project.network.visibility = NetworkVisibility.SECRET

    assert project.visibility == Visibility.PUBLIC
    assert not may_know(outsider, project) and not may_know(None, project)
    assert may_know(kg_owner, project)
