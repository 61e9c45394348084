"""Demo organizations from `data/demo_organizations.json`: CSOs, government bodies, donors and media of the
five countries, some verified, some with private fields, some unclaimed. Loading again changes nothing."""

import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from birge.accounts.demo import demo_account
from birge.core.audit import record_event
from birge.core.models import Country, Region, ThematicArea
from birge.orgs.events import Verb
from birge.orgs.hubs.models import HubAdministrator
from birge.orgs.members.models import Membership, Role
from birge.orgs.partners.models import Partnership
from birge.orgs.profiles import identifiers
from birge.orgs.profiles.fields import FUNDING_SOURCES, GROUP_BY_KEY, TRANSLATED
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.services import organization_update
from birge.orgs.search import index_organizations
from birge.orgs.verification.models import Verification

DATA = Path(__file__).parent / "data" / "demo_organizations.json"
# The language of each country's demo people (the hub administrator, the owners the data file names).
OWNER_LANGUAGES = {"KZ": "kk", "KG": "ky", "TJ": "tg", "TM": "tk", "AZ": "az"}
HUB_ADMINS = {
    "KZ": ("hub.kz@birge.demo", "Айгерім Сейітқызы"),
    "KG": ("hub.kg@birge.demo", "Нурлан Абдыкеримов"),
    "TJ": ("hub.tj@birge.demo", "Нигора Раҳимова"),
    "TM": ("hub.tm@birge.demo", "Merjen Annaýewa"),
    "AZ": ("hub.az@birge.demo", "Leyla Məmmədova"),
}
# A verified profile whose owner renamed it afterwards: the Kyrgyz hub finds it in its queue as "changed
# since verification".
RENAMED_AFTER_VERIFICATION = (
    "jalal-abad-cssc",
    {"name_ru": "Джалал-Абадский региональный центр поддержки гражданского общества"},
)


def _organization(entry: dict, countries: dict, regions: dict, themes: dict) -> Organization:
    country = countries[entry["country"]]
    organization = Organization(
        slug=entry["slug"],
        kind=entry["kind"],
        legal_form=entry.get("legal_form") or "",
        original_language=entry.get("original_language") or "ru",
        country=country,
        region=regions.get(entry.get("region")),
        founded_year=entry.get("founded_year"),
        identifier=entry.get("identifier") or None,
        website=entry.get("website") or "",
        email=entry.get("email") or "",
        phone=entry.get("phone") or "",
        address=entry.get("address") or "",
        contact_name=entry.get("contact_name") or "",
        contact_email=entry.get("contact_email") or "",
        contact_phone=entry.get("contact_phone") or "",
        working_languages=entry.get("working_languages") or [],
        staff_count=entry.get("staff_count"),
        volunteer_count=entry.get("volunteer_count"),
        budget_band=entry.get("budget_band") or "",
        status=entry.get("status") or "active",
        published_at=timezone.now(),
    )
    for field in TRANSLATED:
        for language, text in (entry.get(field) or {}).items():
            setattr(organization, f"{field}_{language}", text)
    organization.name = entry["name"].get(organization.original_language) or entry["name"]["ru"]
    for source in FUNDING_SOURCES:
        setattr(organization, f"funding_{source}", (entry.get("funding") or {}).get(source))
    for group, level in (entry.get("visibility") or {}).items():
        setattr(organization, GROUP_BY_KEY[group].setting, level)
    if organization.identifier:
        organization.identifier = identifiers.normalize_identifier(organization.identifier)
    organization.save()
    if not organization.identifier and not identifiers.has_register(country.code):
        organization.identifier = identifiers.platform_identifier(country.code, organization.pk)
        organization.save(update_fields=["identifier"])
    organization.themes.set([themes[slug] for slug in entry.get("themes", [])])
    return organization


def _hub_admins(countries: dict) -> dict:
    hubs = {}
    for code, (email, name) in HUB_ADMINS.items():
        hubs[code] = demo_account(email, name, OWNER_LANGUAGES[code])
        # Straight to the table, not through the service: the demo sends no appointment e-mails.
        HubAdministrator.objects.get_or_create(user=hubs[code], country=countries[code])
    return hubs


def load(stdout) -> None:
    countries = {country.code: country for country in Country.objects.all()}
    hubs = _hub_admins(countries)
    entries = json.loads(DATA.read_text(encoding="utf-8"))
    if Organization.objects.filter(slug=entries[0]["slug"]).exists():
        stdout.write("Demo organizations already loaded.")
        return
    regions = {region.code: region for region in Region.objects.all()}
    themes = {theme.slug: theme for theme in ThematicArea.objects.all()}
    created: dict[str, Organization] = {}
    with transaction.atomic():
        for entry in entries:
            organization = _organization(entry, countries, regions, themes)
            created[organization.slug] = organization
            record_event(None, Verb.ORG_CREATED, organization, new={"source": "demo data"})
            if entry.get("owner"):
                language = OWNER_LANGUAGES.get(entry["country"], "ru")
                owner = demo_account(entry["owner"], entry["owner"].split("@")[0].capitalize(), language)
                Membership.objects.get_or_create(
                    organization=organization, user=owner, defaults={"role": Role.OWNER}
                )
            if entry.get("verified") and entry["country"] in hubs:
                verification = Verification.objects.create(
                    organization=organization,
                    verifier=hubs[entry["country"]],
                    registration_document_seen=True,
                    identifier_matches=True,
                    contacts_confirmed=True,
                )
                organization.verified_at = verification.created_at
                organization.save(update_fields=["verified_at"])
        for entry in entries:
            for slug in entry.get("partners", []):
                if slug in created and slug != entry["slug"]:
                    Partnership.objects.get_or_create(
                        organization=created[entry["slug"]], partner=created[slug]
                    )
        slug, changes = RENAMED_AFTER_VERIFICATION
        renamed = created[slug]
        owner = renamed.memberships.get(role=Role.OWNER).user
        organization_update(actor=owner, organization=renamed, **changes)
    index_organizations([organization.pk for organization in created.values()])
    stdout.write(f"Demo organizations: {len(created)}.")
