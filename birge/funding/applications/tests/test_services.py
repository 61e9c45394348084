"""Applications: drafts that never silently overwrite each other, checks that name every unmet rule, a
submission that happens once with its receipt, and withdrawal."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.funding.applications.budget import totals
from birge.funding.applications.checks import submission_problems
from birge.funding.applications.models import Application, Status
from birge.funding.applications.services import (
    StaleDraft,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
    attachment_add,
    canonical_content,
    receipt_hash,
)
from birge.funding.calls.models import Call
from birge.funding.conftest import field_keys
from birge.funding.events import Verb
from birge.funding.programs.models import Applicant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def start(call, user, organization):
    return application_start(
        actor=user,
        call=call,
        applicant_kind=Applicant.ORGANIZATION,
        organization=organization,
        title="Школа лидеров",
        language="ru",
    )


def test_a_save_made_on_an_older_revision_is_refused_and_keeps_both(open_call, applicant, applicant_org):
    application = start(open_call, applicant, applicant_org)
    key = field_keys(open_call)["Цель проекта"]
    first_tab = application.revision
    application_save(
        actor=applicant, application=application, revision=first_tab, answers={key: "из вкладки 1"}
    )
    with pytest.raises(StaleDraft) as stale:
        application_save(
            actor=applicant, application=application, revision=first_tab, answers={key: "из вкладки 2"}
        )
    assert stale.value.application.answers[key] == "из вкладки 1"
    assert Application.objects.get(pk=application.pk).revision == first_tab + 1


def test_a_partial_save_keeps_the_other_answers(open_call, applicant, applicant_org):
    application = start(open_call, applicant, applicant_org)
    keys = field_keys(open_call)
    application = application_save(
        actor=applicant,
        application=application,
        revision=application.revision,
        answers={keys["Цель проекта"]: "A"},
    )
    application = application_save(
        actor=applicant,
        application=application,
        revision=application.revision,
        answers={keys["Описание"]: "B"},
    )
    assert application.answers == {keys["Цель проекта"]: "A", keys["Описание"]: "B"}


def test_saves_of_one_sitting_make_one_audit_entry(open_call, applicant, applicant_org):
    application = start(open_call, applicant, applicant_org)
    key = field_keys(open_call)["Цель проекта"]
    for text in ("a", "ab", "abc"):
        application = application_save(
            actor=applicant, application=application, revision=application.revision, answers={key: text}
        )
    assert Event.objects.filter(verb=Verb.APPLICATION_SAVED, target_id=str(application.pk)).count() == 1


def test_only_the_owner_saves(open_call, applicant, applicant_org, outsider):
    application = start(open_call, applicant, applicant_org)
    with pytest.raises(PermissionDenied):
        application_save(actor=outsider, application=application, revision=application.revision, title="x")


def test_only_an_editor_of_the_organization_applies_for_it(open_call, outsider, applicant_org):
    with pytest.raises(PermissionDenied):
        start(open_call, outsider, applicant_org)


def test_the_check_names_every_unmet_rule(open_call, applicant, applicant_org):
    Call.objects.filter(pk=open_call.pk).update(verified_only=True, min_organization_age=20)
    application = start(open_call, applicant, applicant_org)
    application = application_save(
        actor=applicant,
        application=application,
        revision=application.revision,
        budget=[{"category": "Всё", "requested": "9 000 000", "cofinancing": "", "source": ""}],
    )
    messages = " ".join(problem.message for problem in submission_problems(application))
    assert "verified" in messages
    assert "20 years" in messages
    assert "“Цель проекта” needs an answer" in messages
    assert "above the largest grant" in messages
    assert "at least 20%" in messages
    with pytest.raises(ValidationError):
        application_submit(actor=applicant, application=application)


def test_cofinancing_share_is_computed_from_the_budget():
    sums = totals(
        [{"requested": "800", "cofinancing": "200", "source": "A"}, {"requested": "1,5", "cofinancing": ""}]
    )
    assert sums.requested == 801.5 and sums.cofinancing == 200 and str(sums.share) == "20.0"
    assert totals([{"requested": "много"}]).unreadable == [1]


def test_submission_happens_once_with_a_receipt_of_the_content(make_application, applicant, applicant_org):
    application = make_application(applicant, applicant_org)
    assert application.status == Status.SUBMITTED
    assert application.receipt_sha256 == receipt_hash(canonical_content(application))
    again = application_submit(actor=applicant, application=application)
    assert again.submitted_at == application.submitted_at
    assert Event.objects.filter(verb=Verb.APPLICATION_SUBMITTED).count() == 1
    receipts = Notification.objects.filter(recipient=applicant, kind="funding.application")
    assert receipts.count() == 1 and application.receipt_sha256 in receipts.get().body


def test_a_submitted_application_is_frozen(make_application, applicant, applicant_org):
    application = make_application(applicant, applicant_org)
    with pytest.raises(ValidationError):
        application_save(
            actor=applicant, application=application, revision=application.revision, title="Другое"
        )


def test_submission_after_the_closing_moment_is_refused(make_application, applicant, applicant_org):
    application = make_application(applicant, applicant_org, submit=False)
    later = application.call.closes_at + dt.timedelta(seconds=1)
    with pytest.raises(ValidationError, match="closed"):
        application_submit(actor=applicant, application=application, now=later)


def test_at_most_n_applications_per_applicant(make_application, applicant, applicant_org):
    make_application(applicant, applicant_org)
    second = make_application(applicant, applicant_org, submit=False)
    with pytest.raises(ValidationError, match="at most 1"):
        application_submit(actor=applicant, application=second)


def test_withdrawal_before_the_decision(make_application, applicant, applicant_org):
    application = make_application(applicant, applicant_org)
    application = application_withdraw(actor=applicant, application=application)
    assert application.status == Status.WITHDRAWN
    assert Event.objects.filter(verb=Verb.APPLICATION_WITHDRAWN).exists()


def test_an_image_is_reencoded_without_its_metadata(make_application, applicant, applicant_org):
    application = make_application(applicant, applicant_org, submit=False)
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    raw = io.BytesIO()
    image.save(raw, "JPEG", exif=exif)
    assert b"SecretCamera" in raw.getvalue()
    upload = SimpleUploadedFile("фото.jpg", raw.getvalue(), content_type="image/jpeg")
    key = field_keys(application.call)["Устав"]
    attachment = attachment_add(actor=applicant, application=application, field_key=key, uploaded=upload)
    stored = attachment.file.read()
    assert b"SecretCamera" not in stored and stored[:2] == b"\xff\xd8"


def test_an_executable_is_refused(make_application, applicant, applicant_org):
    application = make_application(applicant, applicant_org, submit=False)
    key = field_keys(application.call)["Устав"]
    upload = SimpleUploadedFile("устав.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError):
        attachment_add(actor=applicant, application=application, field_key=key, uploaded=upload)


def test_a_draft_keeps_the_form_version_it_was_started_on(open_call, manager, applicant, applicant_org):
    from birge.funding.builder.services import field_add

    application = start(open_call, applicant, applicant_org)
    form = open_call.form_versions.order_by("-number").first()
    newer = field_add(
        actor=manager,
        call=open_call,
        section_key=form.sections[0]["key"],
        spec={"type": "number", "label": "Охват"},
    )
    assert newer.number == application.form.number + 1
    application.refresh_from_db()
    assert application.form.number == form.number
    assert timezone.now() < open_call.closes_at
