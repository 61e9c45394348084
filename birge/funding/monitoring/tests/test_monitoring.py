"""Monitoring visits: who records them, what a visit must say, photos without their metadata, follow-up
actions marked done once, and who may read a visit's page."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.funding.events import Verb
from birge.funding.monitoring.models import FollowUp
from birge.funding.monitoring.services import FollowUpPlan, follow_up_done, photo_add, visit_record

pytestmark = pytest.mark.usefixtures("in_english")


def today():
    return timezone.localdate()


def record(award, officer, actions: int = 1):
    return visit_record(
        actor=officer,
        award=award,
        visited_on=today(),
        findings="Тренинги идут по плану; журнал посещаемости ведётся.",
        follow_ups=[
            FollowUpPlan(
                action=f"Прислать список участников {n}",
                owner="Жастар бірлігі",
                due_on=today() + dt.timedelta(days=10 + n),
            )
            for n in range(actions)
        ],
    )


def photo_with_location() -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), "green")
    exif = image.getexif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 0.0), 3: "E", 4: (76.0, 53.0, 0.0)}  # GPS: Almaty
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_an_officer_records_a_visit_and_the_grantee_is_told(award, officer, applicant):
    visit = record(award, officer, actions=2)
    assert visit.follow_ups.count() == 2
    assert Event.objects.filter(verb=Verb.VISIT_RECORDED, target_id=str(award.pk)).exists()
    assert Notification.objects.filter(
        recipient=applicant, kind="funding.award", url__contains="/visits/"
    ).exists()


def test_only_managers_and_officers_record_visits(award, applicant, committee_member, outsider):
    for person in (applicant, committee_member, outsider):
        with pytest.raises(PermissionDenied):
            record(award, person)


def test_a_visit_in_the_future_or_without_findings_is_refused(award, officer):
    with pytest.raises(ValidationError) as refused:
        visit_record(actor=officer, award=award, visited_on=today() + dt.timedelta(days=1), findings="")
    assert set(refused.value.message_dict) == {"visited_on", "findings"}
    with pytest.raises(ValidationError) as refused:
        visit_record(
            actor=officer,
            award=award,
            visited_on=today(),
            findings="Всё хорошо.",
            follow_ups=[FollowUpPlan(action="Отчёт", owner="", due_on=today())],
        )
    assert "follow_ups" in refused.value.message_dict


def test_a_photo_loses_its_exif_and_location(award, officer):
    visit = record(award, officer)
    uploaded = photo_with_location()
    original = uploaded.read()
    assert b"CameraMaker" in original
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(0x8825)  # the location is there before
    uploaded.seek(0)
    photo = photo_add(actor=officer, visit=visit, uploaded=uploaded, caption="Тренинг в Косшы")
    stored = photo.file.open("rb").read()
    assert b"CameraMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


def test_a_document_is_not_a_photo(award, officer):
    visit = record(award, officer)
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    with pytest.raises(ValidationError):
        photo_add(actor=officer, visit=visit, uploaded=pdf)


def test_an_action_is_marked_done_once_by_the_grantee(award, officer, applicant, outsider):
    action = record(award, officer).follow_ups.get()
    with pytest.raises(PermissionDenied):
        follow_up_done(actor=outsider, follow_up=action)
    follow_up_done(actor=applicant, follow_up=action)
    assert FollowUp.objects.get(pk=action.pk).done_on == today()
    with pytest.raises(ValidationError):
        follow_up_done(actor=officer, follow_up=action)


def test_the_visit_page_by_role(client, award, officer, applicant, committee_member, reviewer, outsider):
    visit = record(award, officer)
    url = reverse("funding:visit", args=[award.pk, visit.pk])
    for person, status in (
        (officer, 200),
        (applicant, 200),
        (committee_member, 200),
        (reviewer, 404),
        (outsider, 404),
    ):
        client.force_login(person)
        assert client.get(url).status_code == status, person
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(applicant)
    assert client.get(reverse("funding:visit_new", args=[award.pk])).status_code == 404
    # The grantee reads the visit but adds no photo.
    assert client.post(url, {"photo": photo_with_location()}).status_code == 404


def test_recording_a_visit_in_the_browser_form(client, award, officer):
    client.force_login(officer)
    url = reverse("funding:visit_new", args=[award.pk])
    assert_within_budget(client.get(url))
    bad = client.post(url, {"visited_on": "2999-01-01", "findings": "Всё по плану.", "action_1": "Отчёт"})
    assert bad.status_code == 200
    assert "Record a visit once it has taken place." in bad.content.decode()
    good = client.post(
        url,
        {
            "visited_on": today().isoformat(),
            "findings": "Всё по плану.",
            "action_1": "Прислать фото",
            "owner_1": "Айгерим",
            "due_1": (today() + dt.timedelta(days=5)).isoformat(),
        },
    )
    visit = award.visits.get()
    assert good.status_code == 302 and good["Location"] == reverse("funding:visit", args=[award.pk, visit.pk])
    page = client.get(good["Location"])
    assert_within_budget(page)
    assert "Прислать фото" in page.content.decode()
    added = client.post(good["Location"], {"photo": photo_with_location(), "caption": "Зал"})
    assert added.status_code == 302 and visit.photos.count() == 1
    photo = visit.photos.get()
    served = client.get(reverse("funding:visit_photo", args=[award.pk, visit.pk, photo.pk]))
    assert served["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize("role", ["officer", "applicant", "committee_member"])
def test_the_visit_page_takes_the_same_queries_with_more_actions_and_photos(
    client, award, officer, role, request
):
    client.force_login(request.getfixturevalue(role))
    visit = record(award, officer, actions=1)
    url = reverse("funding:visit", args=[award.pk, visit.pk])
    client.get(url)
    few = counted_get(client, url)
    FollowUp.objects.bulk_create(
        FollowUp(visit=visit, action=f"Action {n}", owner="Owner", due_on=today()) for n in range(5)
    )
    for _n in range(3):
        photo_add(actor=officer, visit=visit, uploaded=photo_with_location())
    many = counted_get(client, url)
    assert_same_queries(few, many, at_most=16)
