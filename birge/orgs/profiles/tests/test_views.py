import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from birge.core.models import Country
from birge.core.testing import assert_within_budget
from birge.orgs.profiles.models import Organization


def _png(size=(200, 120)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 92, 79)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_profile_shows_language_of_a_fallback_text(client, org):
    org.description_kk = "Балаларға көмек"
    org.save()
    body = client.get("/en/orgs/argo/".replace("argo", org.slug)).content.decode()
    assert 'lang="kk"' in body and "Балаларға көмек" in body
    assert_within_budget(client.get(org.get_absolute_url()))


def test_create_in_steps_saves_each_step(client, reference, alice):
    client.force_login(alice)
    response = client.post(
        "/ru/orgs/new/",
        {
            "kind": "cso",
            "legal_form": "public_association",
            "original_language": "tg",
            "name": "Ҷавонон",
            "country": "TJ",
            "identifier": "TJ-TIN-123456789",
            "status": "active",
        },
    )
    organization = Organization.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/orgs/{organization.slug}/edit/about/")
    response = client.post(
        f"/ru/orgs/{organization.slug}/edit/about/",
        {
            "description": "Помогаем молодёжи",
            "themes": ["children-youth"],
            "working_languages": ["tg", "ru"],
            "continue": "1",
        },
    )
    assert response.status_code == 302 and response.url.endswith("/edit/contacts/")
    organization.refresh_from_db()
    assert organization.description_tg == "Помогаем молодёжи" and organization.working_languages == [
        "tg",
        "ru",
    ]
    response = client.post(
        f"/ru/orgs/{organization.slug}/edit/capacity/",
        {
            "staff_count": "5",
            "funding_foreign": "60",
            "funding_state": "60",
            "staff_counts_visibility": "public",
            "budget_visibility": "members",
            "funding_visibility": "members",
            "passport_visibility": "members",
        },
    )
    assert response.status_code == 200 and "100%" in response.content.decode()
    organization.refresh_from_db()
    assert organization.funding_foreign is None  # nothing saved from the refused step


def test_bad_identifier_on_create_keeps_the_input_and_says_why(client, reference, alice):
    client.force_login(alice)
    response = client.post(
        "/ru/orgs/new/",
        {
            "kind": "cso",
            "original_language": "ru",
            "name": "Новая",
            "country": "KZ",
            "identifier": "KZ-BIN-1",
            "status": "active",
        },
    )
    assert response.status_code == 200 and not Organization.objects.exists()
    body = response.content.decode()
    assert 'value="Новая"' in body and "errorlist" in body


def test_outsider_cannot_edit(client, org, bob):
    client.force_login(bob)
    assert client.get(f"/ru/orgs/{org.slug}/edit/basics/").status_code == 403


def test_logo_upload_is_reencoded_and_hidden_in_lite_mode(client, org, alice):
    client.force_login(alice)
    response = client.post(f"/ru/orgs/{org.slug}/edit/logo/", {"logo": _png()})
    assert response.status_code == 302
    org.refresh_from_db()
    thumbnail = client.get(f"/ru/orgs/{org.slug}/logo/thumbnail.webp")
    assert thumbnail["Content-Type"] == "image/webp"
    assert len(b"".join(thumbnail.streaming_content)) <= 4096
    assert "logo/profile.webp" in client.get(org.get_absolute_url()).content.decode()
    lite = client.get(org.get_absolute_url(), HTTP_SAVE_DATA="on").content.decode()
    assert "logo/profile.webp" not in lite


def test_svg_logo_is_refused_with_a_message(client, org, alice):
    client.force_login(alice)
    svg = SimpleUploadedFile(
        "logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', content_type="image/png"
    )
    response = client.post(f"/en/orgs/{org.slug}/edit/logo/", {"logo": svg})
    assert response.status_code == 200 and "SVG" in response.content.decode()
    org.refresh_from_db()
    assert not org.logo


@pytest.mark.parametrize("path", ["members/", "partners/", "edit/basics/", "verify/"])
def test_member_pages_need_login(client, org, path):
    response = client.get(f"/ru/orgs/{org.slug}/{path}")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_bad_identifier_is_reported_with_the_other_mistakes(client, reference, alice):
    client.force_login(alice)
    response = client.post(
        "/en/orgs/new/", {"kind": "cso", "original_language": "ru", "name": "Новая", "identifier": "KZ-BIN-1"}
    )
    assert response.status_code == 200 and not Organization.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) >= {"country", "identifier"}
    assert "12" in " ".join(errors["identifier"])  # says how many digits a BIN has


def test_a_platform_issued_identifier_survives_an_edit_of_the_basics(client, reference, alice):
    from birge.orgs.tests.factories import OrganizationFactory, with_member

    turkmen = with_member(
        OrganizationFactory(country=Country.objects.get(code="TM"), identifier="BIRGE-TM-000042"), alice
    )
    client.force_login(alice)
    response = client.post(
        f"/ru/orgs/{turkmen.slug}/edit/basics/",
        {
            "kind": "cso",
            "legal_form": "public_association",
            "original_language": "ru",
            "name": "Новое имя",
            "country": "TM",
            "identifier": "BIRGE-TM-000042",
            "status": "active",
        },
    )
    assert response.status_code == 302
    turkmen.refresh_from_db()
    assert turkmen.identifier == "BIRGE-TM-000042" and turkmen.name_ru == "Новое имя"
