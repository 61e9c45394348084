"""Proposing, voting, making a vote anonymous, closing with the outcome and recording it: who may, what is
refused with nothing written, what the audit log keeps and who is told."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.networks.charter.models import CharterVersion
from birge.networks.conftest import add_member, organization_in
from birge.networks.decisions.models import Answer, Decision, DecisionKind, DecisionStatus, Option, Vote
from birge.networks.decisions.services import (
    decision_close_if_due,
    decision_make_anonymous,
    decision_record_outcome,
    decision_vote,
)
from birge.networks.decisions.tests.helpers import make_due, propose
from birge.networks.events import Verb
from birge.networks.networks.services import network_close
from birge.orgs.members.models import Role as OrgRole
from birge.orgs.tests.factories import with_member
from conftest import make_user

pytestmark = pytest.mark.usefixtures("in_english")


# The title of the notice of a close, in the Russian the fixtures' people read.
CLOSED = "Голосование по решению вашей сети завершено"


def decision_notices(**filters):
    return Notification.objects.filter(kind="networks.decision", **filters)


def nothing_proposed() -> bool:
    return (
        not Decision.objects.exists()
        and not Option.objects.exists()
        and not Event.objects.filter(verb=Verb.DECISION_PROPOSED).exists()
        and not decision_notices().exists()
    )


# Proposing ---------------------------------------------------------------------------------------------


def test_a_coordinator_proposes_and_every_voter_is_told(
    network, coordinator, kg_owner, tj_owner, reader, mailoutbox, django_capture_on_commit_callbacks
):
    closes = timezone.now() + dt.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        decision = propose(coordinator, network, closes_at=closes, results_hidden=True)

    assert (decision.network, decision.created_by, decision.kind, decision.status) == (
        network,
        coordinator,
        DecisionKind.CONSENT,
        DecisionStatus.OPEN,
    )
    assert decision.closes_at == closes and decision.results_hidden and not decision.anonymous
    event = Event.objects.get(verb=Verb.DECISION_PROPOSED)
    assert (event.actor, event.target_id) == (coordinator, str(decision.pk))
    assert event.new["kind"] == "consent" and event.new["results_hidden"] is True
    # The people who speak for member organizations vote; a plain member of one reads but is not asked.
    told = set(decision_notices(about_id=str(decision.pk)).values_list("recipient__email", flat=True))
    assert told == {coordinator.email, kg_owner.email, tj_owner.email}
    assert reader.email not in told
    assert sorted(message.to[0] for message in mailoutbox) == sorted(told)
    text = next(message.body for message in mailoutbox if message.to == [kg_owner.email])
    assert "Принять план на 2026 год" in text and f"/decisions/{decision.pk}/" in text


def test_the_committee_proposes_options(network, tj_owner):
    decision = propose(
        tj_owner, network, kind=DecisionKind.ONE_OPTION, options=["Алматы", " Бишкек ", "", "алматы"]
    )
    assert [option.label for option in decision.options.all()] == ["Алматы", "Бишкек"]
    assert Event.objects.get(verb=Verb.DECISION_PROPOSED).new["options"] == ["Алматы", "Бишкек"]


@pytest.mark.parametrize("who", ["kg_owner", "reader", "outsider"])
def test_members_readers_and_outsiders_may_not_propose(network, who, request):
    with pytest.raises(PermissionDenied):
        propose(request.getfixturevalue(who), network)
    assert nothing_proposed()


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"kind": DecisionKind.OPTIONS, "options": ["Только одна"]}, "options"),
        ({"kind": DecisionKind.ONE_OPTION, "options": ["Да", "да"]}, "options"),
        ({"title": "  "}, "title"),
        ({"title": "Две\nстроки"}, "title"),
        ({"proposal": ""}, "proposal"),
        ({"kind": "lottery"}, "kind"),
        ({"closes_at": timezone.now() - dt.timedelta(hours=1)}, "closes_at"),
        ({"closes_at": timezone.now() + dt.timedelta(minutes=20)}, "closes_at"),
        ({"closes_at": timezone.now() + dt.timedelta(days=800)}, "closes_at"),
    ],
)
def test_a_proposal_that_breaks_a_rule_is_refused_with_nothing_written(network, coordinator, fields, field):
    with pytest.raises(ValidationError) as refused:
        propose(coordinator, network, **fields)
    assert field in refused.value.error_dict
    assert nothing_proposed()


def test_a_closed_network_takes_no_new_decision(network, coordinator):
    network_close(actor=coordinator, network=network)
    with pytest.raises(ValidationError, match="closed"):
        propose(coordinator, network)
    assert nothing_proposed()


def test_only_a_version_of_the_networks_own_charter_not_yet_adopted_can_be_carried(
    network, secret_network, coordinator
):
    other = CharterVersion.objects.create(network=secret_network, number=1, purpose="Чужой устав")
    adopted = CharterVersion.objects.create(network=network, number=1, adopted_at=timezone.now())
    for version in (other, adopted):
        with pytest.raises(ValidationError) as refused:
            propose(coordinator, network, charter_version=version)
        assert "charter_version" in refused.value.error_dict
    assert nothing_proposed()


# Voting ------------------------------------------------------------------------------------------------


def test_a_voter_votes_for_their_organization_and_the_log_says_which_not_what(
    network, coordinator, kg_owner, kg_ngo
):
    decision = propose(coordinator, network)
    vote = decision_vote(
        actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.OBJECT, comment="Рано."
    )
    assert (vote.organization, vote.cast_by, vote.answer, vote.comment) == (
        kg_ngo,
        kg_owner,
        "object",
        "Рано.",
    )
    event = Event.objects.get(verb=Verb.VOTED)
    assert (event.actor, event.target_id, event.new) == (
        kg_owner,
        str(decision.pk),
        {"organization": kg_ngo.pk},
    )


def test_a_second_vote_of_the_same_organization_replaces_the_first(network, coordinator, kg_owner, kg_ngo):
    decision = propose(coordinator, network, kind=DecisionKind.OPTIONS)
    first, second, third = decision.options.all()
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, options=[first.pk, second.pk])
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, options=[third.pk])

    vote = Vote.objects.get(decision=decision)
    assert list(vote.options.all()) == [third]
    verbs = Event.objects.filter(verb__in=[Verb.VOTED, Verb.VOTE_CHANGED]).order_by("pk")
    assert list(verbs.values_list("verb", flat=True)) == [Verb.VOTED, Verb.VOTE_CHANGED]


def test_someone_speaking_for_two_member_organizations_votes_for_each(
    network, coordinator, kg_owner, kg_ngo, tj_ngo
):
    with_member(tj_ngo, kg_owner, OrgRole.EDITOR)
    decision = propose(coordinator, network, kind=DecisionKind.YES_NO)
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.YES)
    decision_vote(actor=kg_owner, decision=decision, organization_id=tj_ngo.pk, answer=Answer.NO)
    assert dict(Vote.objects.values_list("organization_id", "answer")) == {kg_ngo.pk: "yes", tj_ngo.pk: "no"}


@pytest.mark.parametrize(
    "who, organization",
    [("reader", "kz_ngo"), ("outsider", "kg_ngo"), ("kg_owner", "tj_ngo"), ("outsider", "outsider_ngo")],
)
def test_only_someone_the_organization_authorizes_votes_for_it(
    network, coordinator, who, organization, request
):
    decision = propose(coordinator, network)
    with pytest.raises(PermissionDenied):
        decision_vote(
            actor=request.getfixturevalue(who),
            decision=decision,
            organization_id=request.getfixturevalue(organization).pk,
            answer=Answer.CONSENT,
        )
    assert not Vote.objects.exists() and not Event.objects.filter(verb=Verb.VOTED).exists()


@pytest.mark.parametrize("closed", [True, False])
def test_a_vote_after_the_close_is_refused_and_the_vote_already_cast_is_kept(
    network, coordinator, kg_owner, kg_ngo, closed
):
    decision = propose(coordinator, network)
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.CONSENT)
    make_due(decision)
    if closed:
        assert decision_close_if_due(decision.pk)
        decision.refresh_from_db()
    with pytest.raises(ValidationError, match="Voting on this decision has closed"):
        decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.OBJECT)
    assert Vote.objects.get().answer == "consent"
    assert not Event.objects.filter(verb=Verb.VOTE_CHANGED).exists()


def test_an_answer_the_decision_does_not_offer_is_refused(network, coordinator, kg_owner, kg_ngo):
    consent = propose(coordinator, network)
    one = propose(coordinator, network, kind=DecisionKind.ONE_OPTION)
    other = propose(coordinator, network, kind=DecisionKind.OPTIONS)
    first, second, _third = one.options.all()
    refused = [
        (consent, {"answer": Answer.YES}, "answer"),
        (one, {"options": [first.pk, second.pk]}, "options"),
        (one, {"options": [other.options.first().pk]}, "options"),
        (one, {"options": []}, "options"),
        (consent, {"answer": Answer.CONSENT, "comment": "\x00"}, "comment"),
    ]
    for decision, choice, field in refused:
        with pytest.raises(ValidationError) as error:
            decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, **choice)
        assert field in error.value.error_dict
    assert not Vote.objects.exists()


# Anonymity ---------------------------------------------------------------------------------------------


def test_making_a_decision_anonymous_forgets_who_voted_for_good(
    network, coordinator, tj_owner, kg_owner, kg_ngo, tj_ngo
):
    decision = propose(tj_owner, network)
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.OBJECT)
    with pytest.raises(PermissionDenied):  # a member who did not propose it
        decision_make_anonymous(actor=kg_owner, decision=decision)
    assert Vote.objects.get().cast_by == kg_owner

    decision_make_anonymous(actor=tj_owner, decision=decision)
    decision.refresh_from_db()
    assert decision.anonymous and Vote.objects.get().cast_by is None
    event = Event.objects.get(verb=Verb.DECISION_MADE_ANONYMOUS)
    assert (event.actor, event.old, event.new) == (tj_owner, {"anonymous": False}, {"anonymous": True})
    # Later votes keep no voter either, and asking again changes nothing: there is no way back.
    decision_vote(actor=tj_owner, decision=decision, organization_id=tj_ngo.pk, answer=Answer.CONSENT)
    assert list(Vote.objects.values_list("cast_by", flat=True)) == [None, None]
    decision_make_anonymous(actor=coordinator, decision=decision)
    assert Event.objects.filter(verb=Verb.DECISION_MADE_ANONYMOUS).count() == 1
    assert Decision.objects.get().anonymous


def test_an_anonymous_decision_records_no_voter_from_the_start(network, coordinator, kg_owner, kg_ngo):
    decision = propose(coordinator, network, anonymous=True)
    vote = decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.CONSENT)
    assert Vote.objects.get(pk=vote.pk).cast_by is None


def test_a_closed_decision_cannot_be_made_anonymous(network, coordinator):
    decision = propose(coordinator, network)
    make_due(decision)
    decision_close_if_due(decision.pk)
    decision.refresh_from_db()
    with pytest.raises(ValidationError):
        decision_make_anonymous(actor=coordinator, decision=decision)
    assert not Decision.objects.get().anonymous
    assert not Event.objects.filter(verb=Verb.DECISION_MADE_ANONYMOUS).exists()


# Closing -----------------------------------------------------------------------------------------------


def vote_all(decision, voters, choices):
    for (user, organization), choice in zip(voters, choices, strict=True):
        if choice is not None:
            key = "answer" if isinstance(choice, str) else "options"
            decision_vote(actor=user, decision=decision, organization_id=organization.pk, **{key: choice})


@pytest.fixture
def voters(coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo):
    return [(coordinator, kz_ngo), (kg_owner, kg_ngo), (tj_owner, tj_ngo)]


@pytest.mark.parametrize(
    "kind, choices, carried, words",
    [
        # The outcome is written in the network's language: Russian here (the fixture's network).
        (DecisionKind.CONSENT, ["consent", "stand_aside", None], True, "Принято: возражений нет."),
        (DecisionKind.CONSENT, [None, None, None], True, "Принято: возражений нет."),
        (DecisionKind.CONSENT, ["consent", "consent", "object"], False, "Не принято: возражений — 1."),
        (DecisionKind.YES_NO, ["yes", "yes", "no"], True, "Принято: «да» — 2, «нет» — 1."),
        (DecisionKind.YES_NO, ["yes", "no", "abstain"], False, "Не принято: «да» — 1, «нет» — 1."),
        (DecisionKind.ONE_OPTION, [[0], [1], [1]], True, "Больше всего голосов (2) получили: “Бишкек”."),
        (
            DecisionKind.ONE_OPTION,
            [[0], [1], None],
            False,
            "Не принято: у вариантов “Алматы”, “Бишкек” поровну голосов (по 1).",
        ),
        (
            DecisionKind.OPTIONS,
            [[0, 2], [2, 1], [0]],
            True,
            "Больше всего голосов (2) получили: “Алматы”, “Душанбе”.",
        ),
        (DecisionKind.OPTIONS, [None, None, None], False, "Не принято: ни один вариант не получил голосов."),
    ],
)
def test_the_close_records_whether_it_carried_and_the_outcome(
    network, coordinator, reader, voters, kind, choices, carried, words
):
    decision = propose(coordinator, network, kind=kind)
    options = [option.pk for option in decision.options.all()]
    vote_all(
        decision,
        voters,
        [
            choice if choice is None or isinstance(choice, str) else [options[i] for i in choice]
            for choice in choices
        ],
    )
    make_due(decision)
    assert decision_close_if_due(decision.pk)

    decision.refresh_from_db()
    assert (decision.status, decision.carried, decision.outcome) == (DecisionStatus.CLOSED, carried, words)
    assert decision.closed_at is not None
    event = Event.objects.get(verb=Verb.DECISION_CLOSED)
    assert (event.actor, event.new) == (None, {"status": "closed", "carried": carried})
    # Everyone of the member organizations learns the outcome, the plain member too (in their Russian).
    told = decision_notices(about_id=str(decision.pk), title=CLOSED)
    assert reader.email in set(told.values_list("recipient__email", flat=True))


def test_the_outcome_is_written_in_the_networks_language(network, coordinator):
    assert network.language == "ru"
    decision = propose(coordinator, network)
    make_due(decision)
    decision_close_if_due(decision.pk)
    assert Decision.objects.get().outcome == "Принято: возражений нет."


def test_a_carried_decision_adopts_the_charter_version_it_carries(network, coordinator, voters):
    version = CharterVersion.objects.create(network=network, number=2, purpose="Новая редакция")
    decision = propose(coordinator, network, charter_version=version)
    vote_all(decision, voters, ["consent", "consent", "stand_aside"])
    make_due(decision)
    decision_close_if_due(decision.pk)

    version.refresh_from_db()
    decision.refresh_from_db()
    assert decision.carried and version.adopted_at is not None
    assert Event.objects.filter(verb=Verb.CHARTER_ADOPTED, target_id=str(version.pk)).exists()


def test_a_decision_not_carried_adopts_nothing(network, coordinator, voters):
    version = CharterVersion.objects.create(network=network, number=2, purpose="Новая редакция")
    decision = propose(coordinator, network, charter_version=version)
    vote_all(decision, voters, ["consent", "object", None])
    make_due(decision)
    decision_close_if_due(decision.pk)

    version.refresh_from_db()
    assert Decision.objects.get().carried is False and version.adopted_at is None
    assert not Event.objects.filter(verb=Verb.CHARTER_ADOPTED).exists()


# The coordinators' outcome -------------------------------------------------------------------------------


def closed(decision):
    make_due(decision)
    decision_close_if_due(decision.pk)
    decision.refresh_from_db()
    return decision


def test_a_coordinator_completes_the_outcome_and_sets_a_review_date(network, coordinator):
    decision = closed(propose(coordinator, network))
    review = timezone.localdate() + dt.timedelta(days=180)
    decision_record_outcome(
        actor=coordinator, decision=decision, outcome="План принят.\nОтчёт в июне.", review_on=review
    )

    decision.refresh_from_db()
    assert (decision.outcome, decision.review_on) == ("План принят.\nОтчёт в июне.", review)
    event = Event.objects.get(verb=Verb.DECISION_OUTCOME_RECORDED)
    assert event.actor == coordinator
    assert event.old == {"outcome": "Принято: возражений нет.", "review_on": None}
    assert event.new == {"outcome": "План принят.\nОтчёт в июне.", "review_on": review.isoformat()}


def test_only_coordinators_record_an_outcome_and_only_after_the_close(network, coordinator, tj_owner):
    open_decision = propose(coordinator, network)
    with pytest.raises(ValidationError):
        decision_record_outcome(actor=coordinator, decision=open_decision, outcome="Рано")
    decision = closed(propose(coordinator, network))
    with pytest.raises(PermissionDenied):
        decision_record_outcome(actor=tj_owner, decision=decision, outcome="Комитет решил иначе")
    with pytest.raises(ValidationError) as refused:
        decision_record_outcome(
            actor=coordinator,
            decision=decision,
            outcome="Итог",
            review_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "review_on" in refused.value.error_dict
    assert Decision.objects.get(pk=decision.pk).outcome == "Принято: возражений нет."
    assert not Event.objects.filter(verb=Verb.DECISION_OUTCOME_RECORDED).exists()


def test_a_new_member_organization_votes_once_it_joins(network, coordinator, reference):
    owner = make_user("uz@example.org")
    uz_ngo = organization_in("KZ", owner, name="Новая", name_ru="Новая")
    decision = propose(coordinator, network)
    with pytest.raises(PermissionDenied):
        decision_vote(actor=owner, decision=decision, organization_id=uz_ngo.pk, answer=Answer.CONSENT)
    add_member(network, uz_ngo)
    decision_vote(actor=owner, decision=decision, organization_id=uz_ngo.pk, answer=Answer.CONSENT)
    assert Vote.objects.get().organization == uz_ngo
