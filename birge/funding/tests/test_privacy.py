"""Who sees what of an application, role by role, page by page: the applicant their own; a reviewer only
what they are assigned and declared free of conflict; the committee only once the call is under review;
the officers who run the call; nobody else — and no address tells an outsider that an application exists
(404, not 403)."""

import pytest
from django.core.files.base import ContentFile

from birge.funding.applications.models import Attachment
from birge.funding.calls.models import Status
from birge.funding.conftest import field_keys
from birge.funding.review.models import Assignment, Conflict
from birge.funding.review.tests.factories import move
from conftest import log_in, make_user

pytestmark = pytest.mark.django_db

SEES = 200
HIDDEN = 404


@pytest.fixture
def scene(make_application, applicant, applicant_org, reviewer, program):
    """A submitted application with a file; `reviewer` reviews it, `conflicted` declared a conflict."""
    from birge.funding.programs.models import ProgramStaff, StaffRole

    application = make_application(applicant, applicant_org)
    key = field_keys(application.call)["Устав"]
    stored = Attachment(
        application=application, field_key=key, name="устав.pdf", kind="pdf", size=8, sha256="0"
    )
    stored.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=True)
    conflicted = make_user("conflicted@example.org", display_name="Conflicted")
    ProgramStaff.objects.create(program=program, user=conflicted, role=StaffRole.REVIEWER)
    reviewing = Assignment.objects.create(application=application, reviewer=reviewer, conflict=Conflict.NONE)
    Assignment.objects.create(application=application, reviewer=conflicted, conflict=Conflict.DECLARED)
    other = make_user("other-applicant@example.org", display_name="Other")
    return {
        "application": application,
        "attachment": stored,
        "assignment": reviewing,
        "people": {"conflicted": conflicted, "other applicant": other},
    }


def person(name, scene, request):
    if name in scene["people"]:
        return scene["people"][name]
    return request.getfixturevalue(name)


def pages(scene) -> dict[str, str]:
    application = scene["application"]
    slug = application.call.slug
    return {
        "application": f"/ru/calls/applications/{application.pk}/",
        "file": f"/ru/calls/applications/{application.pk}/files/{scene['attachment'].pk}/",
        "review": f"/ru/calls/review/{scene['assignment'].pk}/",
        "ranking": f"/ru/calls/{slug}/ranking/",
        "ranking.xlsx": f"/ru/calls/{slug}/ranking.xlsx",
        "decisions": f"/ru/calls/{slug}/decisions/",
        "decide": f"/ru/calls/{slug}/decisions/{application.pk}/",
    }


# Under review: what each role gets on each page.
IN_REVIEW = {
    "applicant": {"application": SEES, "file": SEES},
    "officer": {"file": SEES, "ranking": SEES, "ranking.xlsx": SEES, "decisions": SEES, "decide": SEES},
    "manager": {"file": SEES, "ranking": SEES, "ranking.xlsx": SEES, "decisions": SEES, "decide": SEES},
    "committee_member": {
        "file": SEES,
        "ranking": SEES,
        "ranking.xlsx": SEES,
        "decisions": SEES,
        "decide": SEES,
    },
    "reviewer": {"file": SEES, "review": SEES},
    "conflicted": {},
    "other applicant": {},
    "outsider": {},
}


@pytest.mark.parametrize("role", list(IN_REVIEW))
def test_each_role_sees_only_its_part_under_review(client, scene, role, request):
    move(scene["application"].call, Status.IN_REVIEW)
    log_in(client, person(role, scene, request))
    for page, url in pages(scene).items():
        expected = IN_REVIEW[role].get(page, HIDDEN)
        assert client.get(url).status_code == expected, (role, page)


@pytest.mark.parametrize("role", ["committee_member", "conflicted", "outsider"])
def test_before_the_review_the_committee_sees_nothing_of_it_either(client, scene, role, request):
    move(scene["application"].call, Status.CLOSED)
    log_in(client, person(role, scene, request))
    for page in ("file", "ranking", "ranking.xlsx", "decisions", "decide", "application", "review"):
        assert client.get(pages(scene)[page]).status_code == HIDDEN, (role, page)


def test_a_visitor_is_sent_to_log_in_and_told_nothing(client, scene):
    move(scene["application"].call, Status.IN_REVIEW)
    for page, url in pages(scene).items():
        answer = client.get(url)
        assert answer.status_code == 302 and "/accounts/login/" in answer["Location"], page


def test_nothing_of_an_application_is_public_before_the_decision(client, scene):
    application = scene["application"]
    move(application.call, Status.IN_REVIEW)
    page = client.get(f"/ru/calls/{application.call.slug}/").content.decode()
    api = client.get(f"/api/v1/calls/{application.call.slug}/").content.decode()
    for text in (application.title, application.organization.name, application.receipt_sha256):
        assert text not in page and text not in api
