"""The evaluation that closes an award: every criterion rated, lessons written, after the final report
(unless the project is terminated), once; the award is completed or terminated and the grantee told."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.funding.awards.models import Award, Status
from birge.funding.evaluation.models import Closing, Criterion
from birge.funding.evaluation.services import evaluation_record
from birge.funding.events import Verb
from birge.funding.reports.models import Report
from birge.funding.reports.models import Status as ReportStatus

RATINGS = dict.fromkeys(Criterion.values, 3)


pytestmark = pytest.mark.usefixtures("in_english")


def accept_all_reports(award):
    Report.objects.filter(award=award).update(status=ReportStatus.ACCEPTED)


def test_the_evaluation_closes_the_award_and_tells_the_grantee(award, officer, applicant):
    accept_all_reports(award)
    evaluation = evaluation_record(
        actor=officer,
        award=award,
        ratings=RATINGS,
        lessons="Тренинги лучше проводить весной.",
        closing=Closing.ACHIEVED,
    )
    assert evaluation.mean == 3
    assert Award.objects.get(pk=award.pk).status == Status.COMPLETED
    assert Event.objects.filter(verb=Verb.EVALUATION_RECORDED, target_id=str(award.pk)).exists()
    # Written in the grantee's language, so under its prefix.
    assert Notification.objects.filter(
        recipient=applicant, url__endswith=f"/calls/awards/{award.pk}/evaluation/"
    ).exists()
    with pytest.raises(ValidationError):
        evaluation_record(
            actor=officer, award=award, ratings=RATINGS, lessons="Ещё раз.", closing=Closing.ACHIEVED
        )


def test_not_before_the_final_report_unless_terminated(award, officer):
    with pytest.raises(ValidationError) as refused:
        evaluation_record(
            actor=officer, award=award, ratings=RATINGS, lessons="Уроки.", closing=Closing.ACHIEVED
        )
    assert "closing" in refused.value.message_dict
    evaluation_record(
        actor=officer,
        award=award,
        ratings=RATINGS,
        lessons="Грантополучатель закрылся.",
        closing=Closing.TERMINATED,
    )
    assert Award.objects.get(pk=award.pk).status == Status.TERMINATED


def test_every_criterion_is_rated_and_lessons_written(award, officer):
    accept_all_reports(award)
    partial = {**RATINGS}
    partial.pop(Criterion.IMPACT)
    with pytest.raises(ValidationError) as refused:
        evaluation_record(
            actor=officer, award=award, ratings={**partial, "beauty": 4}, lessons=" ", closing="perfect"
        )
    assert set(refused.value.message_dict) == {"ratings", "lessons", "closing"}
    with pytest.raises(ValidationError):
        evaluation_record(
            actor=officer,
            award=award,
            ratings={**RATINGS, Criterion.IMPACT: 5},
            lessons="x",
            closing=Closing.ACHIEVED,
        )


def test_only_managers_and_officers_evaluate(award, applicant, committee_member):
    accept_all_reports(award)
    for person in (applicant, committee_member):
        with pytest.raises(PermissionDenied):
            evaluation_record(
                actor=person, award=award, ratings=RATINGS, lessons="x", closing=Closing.ACHIEVED
            )


def test_the_evaluation_page_by_role(client, award, officer, applicant, reviewer, outsider):
    url = reverse("funding:evaluation", args=[award.pk])
    client.force_login(applicant)
    assert "not evaluated yet" in client.get(url).content.decode()
    assert client.post(url, {"lessons": "x"}).status_code == 404
    for person in (reviewer, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 404
    accept_all_reports(award)
    client.force_login(officer)
    assert_within_budget(client.get(url))
    form = {f"rating_{value}": "4" for value in Criterion.values}
    missing = client.post(url, {**form, "lessons": "", "closing": Closing.ACHIEVED})
    assert missing.status_code == 200 and Award.objects.get(pk=award.pk).status == Status.ACTIVE
    done = client.post(
        url, {**form, "lessons": "Работать с акиматом с первого дня.", "closing": Closing.ACHIEVED}
    )
    assert done.status_code == 302
    client.force_login(applicant)
    page = client.get(url)
    assert_within_budget(page)
    assert "Работать с акиматом" in page.content.decode()


@pytest.mark.parametrize("role", ["officer", "applicant"])
def test_the_evaluation_page_takes_a_constant_number_of_queries(client, award, officer, role, request):
    accept_all_reports(award)
    evaluation_record(actor=officer, award=award, ratings=RATINGS, lessons="Уроки.", closing=Closing.ACHIEVED)
    client.force_login(request.getfixturevalue(role))
    url = reverse("funding:evaluation", args=[award.pk])
    client.get(url)
    first = counted_get(client, url)
    again = counted_get(client, url)
    assert first.response.status_code == 200
    assert_same_queries(first, again, at_most=10)
