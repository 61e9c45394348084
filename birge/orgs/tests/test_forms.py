"""Control characters in the directory's forms: refused on single-line fields, with the message next to the
field, and nothing saved."""

import pytest

from birge.orgs.claims.forms import ClaimForm
from birge.orgs.claims.models import Claim
from birge.orgs.editing.forms import BasicsForm, ContactsForm, TranslationForm
from birge.orgs.passport.forms import AuditForm, RegistrationForm
from birge.orgs.profiles.models import Organization

CRLF_NAME = "Арго\r\nBcc: everyone@example.org"


def test_a_name_with_a_line_break_is_refused_on_the_basics_step_and_not_saved(client, org, alice):
    client.force_login(alice)
    response = client.post(
        f"/en/orgs/{org.slug}/edit/basics/",
        {
            "kind": "cso",
            "legal_form": "public_association",
            "original_language": "ru",
            "name": CRLF_NAME,
            "country": "KZ",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "Write this on one line: remove the line break." in response.content.decode()
    org.refresh_from_db()
    assert org.name_ru == "Арго"


def test_creating_an_organization_with_a_control_character_in_its_name_saves_nothing(
    client, reference, alice
):
    client.force_login(alice)
    response = client.post(
        "/en/orgs/new/",
        {"kind": "cso", "original_language": "ru", "name": "Арго\x00", "country": "KZ", "status": "active"},
    )
    assert response.status_code == 200 and not Organization.objects.exists()


def test_a_claim_position_with_a_line_break_is_refused_before_the_service(client, org, bob):
    client.force_login(bob)
    response = client.post(
        f"/en/orgs/{org.slug}/claim/", {"position": "Director\nof everything", "evidence": "Letter\nNo. 12"}
    )
    assert response.status_code == 200 and not Claim.objects.exists()
    assert "one line" in response.content.decode()


@pytest.mark.parametrize(
    ("form_class", "data", "refused"),
    [
        (BasicsForm, {"acronym": "AR\tGO"}, "acronym"),
        (ContactsForm, {"contact_name": "Айгуль\u202eвокиреС"}, "contact_name"),  # reads backwards
        (ContactsForm, {"phone": "+7 727\r1"}, "phone"),
        (TranslationForm, {"name": "Ar\u2028go"}, "name"),
        (ClaimForm, {"position": "Директор\u00ad"}, "position"),
        (RegistrationForm, {"registration_authority": "Минюст\nРК"}, "registration_authority"),
        (AuditForm, {"auditor": "KPMG\tLLP"}, "auditor"),
    ],
)
def test_every_single_line_field_of_the_directory_refuses_control_characters(
    reference, form_class, data, refused
):
    extra = {"instance": Organization()} if form_class is ContactsForm else {}
    if form_class is TranslationForm:
        extra = {"language": "en"}
    form = form_class(data, **extra)
    form.is_valid()
    assert refused in form.errors
    assert form.errors.as_data()[refused][-1].code == "control_character"


def test_text_areas_keep_their_line_breaks(reference):
    form = ClaimForm({"position": "Директор", "evidence": "Приказ № 12\r\nот 3 марта"})
    assert form.is_valid(), form.errors
