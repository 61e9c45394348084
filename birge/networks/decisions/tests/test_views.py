"""The decision pages: what each person sees, the forms with their errors and everything typed kept, the
results hidden until the close, anonymous votes, times in the viewer's zone and the page budgets."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from birge.core.testing import assert_within_budget
from birge.networks.charter.models import CharterVersion
from birge.networks.conftest import add_member
from birge.networks.decisions.models import Answer, Decision, DecisionKind, Vote
from birge.networks.decisions.services import decision_close_if_due, decision_vote
from birge.networks.decisions.tests.helpers import make_due, propose
from birge.networks.networks.models import Visibility
from birge.networks.networks.services import network_close, network_create

pytestmark = pytest.mark.usefixtures("in_english")


def url(network, *rest) -> str:
    return "/en/networks/" + "/".join([network.slug, "decisions", *map(str, rest)]) + "/"


def page_of(response) -> str:
    return response.content.decode()


def close(decision):
    make_due(decision)
    decision_close_if_due(decision.pk)
    decision.refresh_from_db()
    return decision


@pytest.fixture
def members_only(kz_ngo, kg_ngo, coordinator):
    network = network_create(
        actor=coordinator, founder=kz_ngo, name="Закрытая сеть", visibility=Visibility.MEMBERS_ONLY
    )
    add_member(network, kg_ngo)
    return network


# The list -------------------------------------------------------------------------------------------------


def test_the_list_shows_open_decisions_first_then_closed_ones(client, network, coordinator, kg_owner, kg_ngo):
    done = close(propose(coordinator, network, title="Старое решение"))
    later = propose(coordinator, network, title="Позднее", closes_at=timezone.now() + dt.timedelta(days=9))
    propose(coordinator, network, title="Скорое", closes_at=timezone.now() + dt.timedelta(days=2))
    decision_vote(actor=kg_owner, decision=later, organization_id=kg_ngo.pk, answer=Answer.CONSENT)
    client.force_login(kg_owner)
    response = client.get(url(network))

    assert_within_budget(response)
    page = page_of(response)
    assert (
        page.index("<h2>Open for voting</h2>")
        < page.index("Скорое")
        < page.index("Позднее")
        < page.index("<h2>Closed</h2>")
        < page.index("Старое решение")
    )
    assert page.count("your organization has not voted") == 1  # the sooner one; the later one has its vote
    assert "carried" in page and f'href="{url(network, done.pk)}"' in page
    assert "Propose a decision" not in page  # a plain member does not propose


def test_the_list_is_empty_at_first_and_offers_coordinators_to_propose(client, network, coordinator):
    client.force_login(coordinator)
    page = page_of(client.get(url(network)))
    assert "No decision has been put to the members yet." in page
    assert f'href="{url(network, "new")}"' in page


def test_a_public_networks_decisions_are_read_by_anyone(client, network, coordinator):
    propose(coordinator, network, title="Открытое решение")
    response = client.get(url(network))
    assert response.status_code == 200 and "Открытое решение" in page_of(response)


@pytest.mark.parametrize("who", [None, "outsider", "tj_owner"])
def test_a_members_only_networks_decisions_are_not_found_by_others(
    client, members_only, coordinator, who, request
):
    decision = propose(coordinator, members_only)
    if who:
        client.force_login(request.getfixturevalue(who))
    addresses = [url(members_only), url(members_only, decision.pk)] + (
        [url(members_only, "new")] if who else []
    )
    for address in addresses:
        assert client.get(address).status_code == 404
    client.force_login(coordinator)
    assert client.get(url(members_only, decision.pk)).status_code == 200


def test_a_secret_networks_decisions_do_not_exist_for_outsiders(client, secret_network, kg_owner, outsider):
    decision = propose(kg_owner, secret_network)
    client.force_login(outsider)
    assert client.get(url(secret_network)).status_code == 404
    assert client.get(url(secret_network, decision.pk)).status_code == 404


# Proposing ------------------------------------------------------------------------------------------------


def test_the_proposal_form_preselects_the_charter_version_and_consent(client, network, coordinator):
    CharterVersion.objects.create(network=network, number=1, adopted_at=timezone.now())
    CharterVersion.objects.create(network=network, number=2, note="Новые правила членства")
    client.force_login(coordinator)
    response = client.get(url(network, "new"), {"charter": "2"})

    assert_within_budget(response)
    page = page_of(response)
    assert 'value="consent" required id="id_kind_0" checked' in page
    version = CharterVersion.objects.get(number=2)
    assert f'<option value="{version.pk}" selected>Version 2 — Новые правила членства</option>' in page
    assert "Version 1" not in page  # adopted already
    assert 'type="datetime-local"' in page


@pytest.mark.parametrize("who, status", [("kg_owner", 403), ("reader", 403), ("outsider", 403)])
def test_only_coordinators_and_committee_open_the_proposal_form(client, network, who, status, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(network, "new")).status_code == status


def in_a_month() -> str:
    return (timezone.localtime() + dt.timedelta(days=30)).strftime("%Y-%m-%dT12:00")


def test_a_proposal_with_a_mistake_comes_back_with_the_error_and_everything_typed(client, network, tj_owner):
    client.force_login(tj_owner)
    closes = in_a_month()
    response = client.post(
        url(network, "new"),
        {
            "title": "Где провести съезд",
            "proposal": "Выберем город для съезда.\nОдин город.",
            "kind": "one_option",
            "options": "Алматы",
            "closes_at": closes,
            "results_hidden": "on",
        },
    )
    assert response.status_code == 400
    page = page_of(response)
    assert "Give at least two different options, one per line." in page
    assert 'value="Где провести съезд"' in page and "Выберем город для съезда.\nОдин город." in page
    assert f'value="{closes}"' in page and "\nАлматы</textarea>" in page
    assert 'id="id_results_hidden" checked' in page and 'id="id_anonymous">' in page
    assert not Decision.objects.exists()


def test_a_proposal_is_put_and_its_closing_time_read_in_the_proposers_zone(client, network, tj_owner):
    tj_owner.time_zone = "Asia/Baku"  # UTC+4 all year
    tj_owner.save()
    client.force_login(tj_owner)
    day = timezone.now().date() + dt.timedelta(days=30)
    response = client.post(
        url(network, "new"),
        {
            "title": "Где провести съезд",
            "proposal": "Выберем город.",
            "kind": "options",
            "options": "Алматы\nБишкек\n\nДушанбе",
            "closes_at": f"{day.isoformat()}T12:00",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == url(network, decision.pk)
    assert decision.closes_at == dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.UTC)
    assert [option.label for option in decision.options.all()] == ["Алматы", "Бишкек", "Душанбе"]
    page = page_of(client.get(url(network, decision.pk)))
    assert f"{day.day} {day:%B} {day.year}, 12:00 (Asia/Baku)" in page


def test_a_closed_network_says_so_and_refuses_the_proposal(client, network, coordinator):
    network_close(actor=coordinator, network=network)
    client.force_login(coordinator)
    response = client.post(
        url(network, "new"),
        {"title": "Поздно", "proposal": "Поздно.", "kind": "consent", "closes_at": in_a_month()},
    )
    assert response.status_code == 400 and "This network is closed" in page_of(response)
    assert 'value="Поздно"' in page_of(response) and not Decision.objects.exists()


# One decision ---------------------------------------------------------------------------------------------


def test_a_voter_sees_the_vote_form_and_votes(client, network, coordinator, kg_owner, kg_ngo):
    decision = propose(coordinator, network, kind=DecisionKind.YES_NO)
    client.force_login(kg_owner)
    response = client.get(url(network, decision.pk))
    assert_within_budget(response)
    page = page_of(response)
    assert "The vote of Мигрант Ордо" in page and "Not voted yet." in page
    assert f'name="organization" value="{kg_ngo.pk}"' in page

    response = client.post(
        url(network, decision.pk, "vote"), {"organization": kg_ngo.pk, "answer": "yes", "comment": "За."}
    )
    assert response.status_code == 302
    vote = Vote.objects.get()
    assert (vote.organization, vote.answer, vote.comment, vote.cast_by) == (kg_ngo, "yes", "За.", kg_owner)
    page = page_of(client.get(url(network, decision.pk)))
    assert "Voted: <strong>yes</strong>" in page and "Change the vote" in page


def test_a_vote_without_an_answer_comes_back_with_the_error_and_the_comment(
    client, network, coordinator, kg_owner, kg_ngo
):
    decision = propose(coordinator, network)
    client.force_login(kg_owner)
    response = client.post(
        url(network, decision.pk, "vote"), {"organization": kg_ngo.pk, "comment": "Мой довод"}
    )
    assert response.status_code == 400
    page = page_of(response)
    assert "This field is required." in page and "\nМой довод</textarea>" in page
    assert not Vote.objects.exists()


def test_a_vote_after_the_close_is_refused_with_a_clear_message(
    client, network, coordinator, kg_owner, kg_ngo
):
    decision = make_due(propose(coordinator, network))
    client.force_login(kg_owner)
    response = client.post(
        url(network, decision.pk, "vote"),
        {"organization": kg_ngo.pk, "answer": "consent", "comment": "Опоздал"},
    )
    assert response.status_code == 400
    page = page_of(response)
    assert "Voting on this decision has closed" in page and "\nОпоздал</textarea>" in page
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "who, organization", [("reader", "kz_ngo"), ("kg_owner", "tj_ngo"), ("outsider", "kg_ngo")]
)
def test_a_vote_for_an_organization_one_does_not_speak_for_is_forbidden(
    client, network, coordinator, who, organization, request
):
    decision = propose(coordinator, network)
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        url(network, decision.pk, "vote"),
        {"organization": request.getfixturevalue(organization).pk, "answer": "consent"},
    )
    assert response.status_code == 403 and not Vote.objects.exists()


def test_a_reader_sees_no_vote_form(client, network, coordinator, reader):
    decision = propose(coordinator, network)
    client.force_login(reader)
    page = page_of(client.get(url(network, decision.pk)))
    assert "Принять план на 2026 год" in page and "The vote of" not in page and 'name="answer"' not in page


def votes_two_to_one(decision, coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo):
    decision_vote(actor=coordinator, decision=decision, organization_id=kz_ngo.pk, answer=Answer.CONSENT)
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.CONSENT)
    decision_vote(actor=tj_owner, decision=decision, organization_id=tj_ngo.pk, answer=Answer.OBJECT)


@pytest.mark.parametrize("who", ["coordinator", "kg_owner", "reader"])
def test_hidden_results_are_not_in_the_page_before_the_close_and_are_after(
    client, network, coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo, who, request
):
    decision = propose(coordinator, network, results_hidden=True)
    votes_two_to_one(decision, coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo)
    client.force_login(request.getfixturevalue(who))
    page = page_of(client.get(url(network, decision.pk)))
    assert "The results are hidden until voting closes." in page
    assert "3 of 3 member organizations have voted." in page
    assert "Votes by answer" not in page and "<td>2</td>" not in page and "<td>1</td>" not in page
    assert "How each organization voted" not in page and "<svg" not in page

    close(decision)
    page = page_of(client.get(url(network, decision.pk)))
    assert "The results are hidden" not in page
    assert '<th scope="row">I consent</th><td>2</td>' in page
    assert '<th scope="row">I object</th><td>1</td>' in page
    assert "Not carried" in page and "How each organization voted" in page


def test_a_voter_sees_what_their_own_organization_chose_while_results_are_hidden(
    client, network, coordinator, kg_owner, kg_ngo
):
    decision = propose(coordinator, network, results_hidden=True)
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.STAND_ASIDE)
    client.force_login(kg_owner)
    page = page_of(client.get(url(network, decision.pk)))
    assert "Voted: <strong>I stand aside</strong>" in page and "<td>1</td>" not in page


def test_an_open_decision_with_visible_results_shows_the_counts_and_who_chose_what(
    client, network, coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo, reader
):
    decision = propose(coordinator, network)
    votes_two_to_one(decision, coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo)
    client.force_login(reader)
    page = page_of(client.get(url(network, decision.pk)))
    assert '<th scope="row">I consent</th><td>2</td>' in page and "<svg" in page
    assert '<th scope="row">Ҳуқуқ ва муҳоҷират</th><td>I object</td>' in page


def test_an_anonymous_decision_never_shows_who_chose_what(
    client, network, coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo, reader
):
    decision = propose(coordinator, network)
    votes_two_to_one(decision, coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo)
    client.force_login(coordinator)
    page = page_of(client.get(url(network, decision.pk)))
    assert "Make voting anonymous" in page
    response = client.post(url(network, decision.pk, "anonymous"))
    assert response.status_code == 302
    assert Decision.objects.get().anonymous and set(Vote.objects.values_list("cast_by", flat=True)) == {None}

    close(decision)
    for user in (coordinator, reader):
        client.force_login(user)
        page = page_of(client.get(url(network, decision.pk)))
        assert '<th scope="row">I consent</th><td>2</td>' in page  # the counts, not who
        assert "How each organization voted" not in page and "Make voting anonymous" not in page
        assert "Мигрант Ордо" not in page and "Ҳуқуқ ва муҳоҷират" not in page
        assert "anonymous voting" in page


def test_only_the_proposer_or_a_coordinator_makes_a_decision_anonymous(client, network, tj_owner, kg_owner):
    decision = propose(tj_owner, network)
    client.force_login(kg_owner)
    assert "Make voting anonymous" not in page_of(client.get(url(network, decision.pk)))
    assert client.post(url(network, decision.pk, "anonymous")).status_code == 403
    assert not Decision.objects.get().anonymous
    client.force_login(tj_owner)
    assert client.post(url(network, decision.pk, "anonymous")).status_code == 302
    assert Decision.objects.get().anonymous


def test_a_due_decision_not_yet_closed_says_so_and_offers_no_vote(client, network, coordinator, kg_owner):
    decision = make_due(propose(coordinator, network))
    client.force_login(kg_owner)
    page = page_of(client.get(url(network, decision.pk)))
    assert "voting has ended; the outcome is being recorded" in page and 'name="answer"' not in page


def test_after_the_close_coordinators_write_the_outcome_and_a_review_date(
    client, network, coordinator, tj_owner, reader
):
    decision = close(propose(coordinator, network))
    client.force_login(tj_owner)
    assert 'name="outcome"' not in page_of(client.get(url(network, decision.pk)))
    assert client.post(url(network, decision.pk, "outcome"), {"outcome": "Нет"}).status_code == 403

    client.force_login(coordinator)
    response = client.get(url(network, decision.pk))
    assert_within_budget(response)
    assert "\nПринято: возражений нет.</textarea>" in page_of(response)
    response = client.post(
        url(network, decision.pk, "outcome"),
        {"outcome": "План принят единогласно.", "review_on": "2000-01-01"},
    )
    assert response.status_code == 400
    page = page_of(response)
    assert (
        "Review the decision on a day after it closed." in page
        and "\nПлан принят единогласно.</textarea>" in page
    )
    review = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    response = client.post(
        url(network, decision.pk, "outcome"), {"outcome": "План принят.", "review_on": review}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.outcome == "План принят." and decision.review_on.isoformat() == review

    client.force_login(reader)
    page = page_of(client.get(url(network, decision.pk)))
    assert "План принят." in page and "To be reviewed on" in page and 'name="outcome"' not in page


def test_times_are_shown_in_the_viewers_zone(client, network, coordinator, kg_owner):
    closes = dt.datetime(2031, 5, 1, 10, 0, tzinfo=dt.UTC)
    decision = propose(coordinator, network)
    Decision.objects.filter(pk=decision.pk).update(closes_at=closes)
    kg_owner.time_zone = "Asia/Baku"
    kg_owner.save()
    client.force_login(kg_owner)
    assert "1 May 2031, 14:00 (Asia/Baku)" in page_of(client.get(url(network, decision.pk)))
    assert "1 May 2031, 14:00 (Asia/Baku)" in page_of(client.get(url(network)))
    assert zoneinfo.ZoneInfo("Asia/Baku").utcoffset(closes) == dt.timedelta(hours=4)


def test_an_unknown_decision_is_not_found(client, network, coordinator, secret_network, kg_owner):
    other = propose(kg_owner, secret_network)
    client.force_login(coordinator)
    assert client.get(url(network, 999)).status_code == 404
    assert client.get(url(network, other.pk)).status_code == 404  # another network's decision
