"""Certificates of attendance: a PDF for a person the organizers marked as having attended an event that
gives certificates, and a public page where anyone holding its code checks it.

The code is random and made when the certificate is first downloaded; the check page says only who attended
which event and when (the person's name as they show it on the platform, the event's title and dates),
never an e-mail address or the answers of the registration.

WeasyPrint needs Pango from the system, so it is imported only when a PDF is made. The document names DejaVu
Sans, which has every letter of the region's languages, and refers to no file; the URL fetcher refuses
anything anyway (see birge/networks/charter/exports.py, which makes the charters' PDFs the same way)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from birge.core.notifications.emails import absolute_url
from birge.events.catalog.models import Event
from birge.events.registration.models import Registration
from birge.events.registration.reads import may_have_certificate
from birge.networks.charter.exports import refusing_fetcher

FONT = "DejaVu Sans"
# Letters and digits no one confuses when typing a code from paper (no 0/O, 1/I/L).
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUPS, GROUP_LENGTH = 3, 4  # "K7QF-3MZP-X2RT": 59 random bits, within the field's 16 characters


def new_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join(groups)


def certificate_code_of(registration: Registration) -> str:
    """The registration's code, made and stored on the first call; two downloads at the same moment end
    with the same code (the second finds the first one's)."""
    if registration.certificate_code:
        return registration.certificate_code
    with transaction.atomic():
        code = new_code()
        while Registration.objects.filter(certificate_code=code).exists():
            code = new_code()
        Registration.objects.filter(pk=registration.pk, certificate_code__isnull=True).update(
            certificate_code=code
        )
        registration.certificate_code = (
            Registration.objects.filter(pk=registration.pk).values_list("certificate_code", flat=True).get()
        )
    return registration.certificate_code


def dates_of(event: Event) -> str:
    """The event's dates in its own time zone: one date, or the first and the last day."""
    zone = ZoneInfo(event.time_zone)
    first = timezone.localtime(event.starts_at, zone).date()
    last = timezone.localtime(event.ends_at, zone).date()
    if first == last:
        return formats.date_format(first, "DATE_FORMAT")
    return f"{formats.date_format(first, 'DATE_FORMAT')} – {formats.date_format(last, 'DATE_FORMAT')}"


def organizers_of(event: Event) -> list[str]:
    names = [organization.name for organization in event.organizers.all()]
    if event.network_id is not None:
        names.append(event.network.name)
    return names


@dataclass(frozen=True)
class Certificate:
    name: str
    event: Event
    dates: str
    organizers: list[str]
    code: str

    @property
    def check_url(self) -> str:
        return absolute_url(reverse("events:certificate_check", args=[self.code]))


def certificate_of(registration: Registration) -> Certificate:
    """What the certificate says (the code is made if it was not yet). Refused for a registration that
    earns none; a person without a display name is asked to give one, since the certificate names them."""
    if not may_have_certificate(registration):
        raise PermissionDenied
    name = registration.person.display_name.strip()
    if not name:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("Add your name to your profile first: the certificate is made out to it.")]}
        )
    event = registration.event
    return Certificate(
        name=name,
        event=event,
        dates=dates_of(event),
        organizers=organizers_of(event),
        code=certificate_code_of(registration),
    )


def pdf_html(certificate: Certificate) -> str:
    return render_to_string(
        "events/registration/certificate_pdf.html", {"certificate": certificate, "font": FONT}
    )


def certificate_pdf(registration: Registration) -> bytes:
    """The certificate of `registration` as a PDF, for the person themself (the view checks it is theirs)."""
    import weasyprint

    html = pdf_html(certificate_of(registration))
    return weasyprint.HTML(string=html, url_fetcher=refusing_fetcher()).write_pdf()


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate a code stands for, for the public check page (without its organizers); None for a
    code nobody holds, or one whose registration no longer earns a certificate (the organizers corrected
    the attendance)."""
    code = (code or "").strip().upper()
    if not code or len(code) > 16:
        return None
    registration = (
        Registration.objects.select_related("event", "person").filter(certificate_code=code).first()
    )
    if not may_have_certificate(registration) or not registration.person.display_name.strip():
        return None
    event = registration.event
    return Certificate(
        name=registration.person.display_name.strip(),
        event=event,
        dates=dates_of(event),
        organizers=[],  # the check page says who attended what and when, nothing more
        code=code,
    )
