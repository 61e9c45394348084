"""Organizations, memberships, files and filled-in sections the passport tests build."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from birge.core.models import Country
from birge.core.storage import private_storage
from birge.orgs.members.models import Membership, Role
from birge.orgs.passport import services
from birge.orgs.passport.models import PassportFinancialYear, PassportShare
from birge.orgs.passport.status import completed_years
from birge.orgs.profiles.models import Kind, Organization

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def disguised(name: str = "charter.pdf") -> SimpleUploadedFile:
    """A Windows program renamed to look like a PDF."""
    return SimpleUploadedFile(
        name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, content_type="application/pdf"
    )


def stored_files() -> set[str]:
    """Every passport file in the private storage (an in-memory storage shared by the whole test run)."""
    storage, names = private_storage(), set()
    folders, _files = storage.listdir("passport") if storage.exists("passport") else ([], [])
    for folder in folders:
        names |= {f"passport/{folder}/{name}" for name in storage.listdir(f"passport/{folder}")[1]}
    return names


def make_org(slug: str, *, kind: str = Kind.CSO, published: bool = True, **fields) -> Organization:
    country, _created = Country.objects.get_or_create(code="KZ", defaults={"name": "Kazakhstan"})
    return Organization.objects.create(
        slug=slug,
        kind=kind,
        name=fields.pop("name", slug.title()),
        country=country,
        published_at=timezone.now() if published else None,
        **fields,
    )


def join(user, organization: Organization, role: str = Role.MEMBER):
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def share(owner, org, funder, days: int = 30) -> PassportShare:
    return services.passport_share(
        actor=owner, organization=org, funder=funder, expires_at=timezone.now() + timedelta(days=days)
    )


def save_year(actor, org, year: int, **values):
    amounts = {name: Decimal(values.pop(name, "0")) for name in PassportFinancialYear.AMOUNT_FIELDS}
    return services.financial_year_save(
        actor=actor, organization=org, year=year, currency="KZT", audited=False, **amounts, **values
    )


def registration(actor, org, **uploads):
    return services.passport_update_registration(
        actor=actor,
        organization=org,
        registration_number="123456789012",
        registration_date=timezone.localdate() - timedelta(days=3000),
        registration_authority="Ministry of Justice",
        **uploads,
    )


def fill_everything(owner, org):
    registration(owner, org)
    services.passport_update_governance(actor=owner, organization=org, board="Aigul", key_staff="")
    for year in completed_years():
        save_year(owner, org, year)
    for kind in ["anti_fraud", "safeguarding", "data_protection", "conflicts"]:
        services.policy_save(actor=owner, organization=org, kind=kind, adopted_on=None, document=pdf())
    services.passport_confirm_current(actor=owner, organization=org, section="audits")
