"""The one path by which an organization's fields reach anyone: the profile page, lists, search results,
exports, the API and e-mails all go through `present()` (one organization) or `present_all()` (a list),
so a field hidden from a viewer is hidden everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from birge.core.notify import absolute_url
from birge.orgs.permissions import Viewer
from birge.orgs.profiles.models import Organization

# Each sensitive group: the field holding its visibility, the fields it covers, and its label.
SENSITIVE_GROUPS: dict[str, tuple[str, tuple[str, ...], Any]] = {
    "staff_contacts": (
        "staff_contacts_visibility",
        ("contact_name", "contact_email", "contact_phone"),
        _("contact person"),
    ),
    "phone": ("phone_visibility", ("phone",), _("phone")),
    "address": ("address_visibility", ("address",), _("address")),
    "staff_counts": (
        "staff_counts_visibility",
        ("staff_count", "volunteer_count"),
        _("staff and volunteers"),
    ),
    "budget": ("budget_visibility", ("budget_band",), _("annual budget")),
    "funding": (
        "funding_visibility",
        ("funding_foreign", "funding_state", "funding_membership", "funding_business", "funding_individual"),
        _("funding mix"),
    ),
    "passport": ("passport_visibility", (), _("due-diligence passport")),
}

SENSITIVE_FIELDS = {name: group for group, (_v, names, _l) in SENSITIVE_GROUPS.items() for name in names}

# What anyone may read. Everything not listed here or in SENSITIVE_GROUPS is unreachable through a view.
PUBLIC_FIELDS = (
    "pk",
    "slug",
    "kind",
    "legal_form",
    "name",
    "acronym",
    "description",
    "offers",
    "needs",
    "original_language",
    "country",
    "country_id",
    "region",
    "region_id",
    "founded_year",
    "identifier",
    "website",
    "email",
    "working_languages",
    "logo",
    "logo_thumbnail",
    "status",
    "verified_at",
    "published_at",
    "public_updated_at",  # never `updated_at`, which moves when a members-only field does
    "is_verified",
    "is_published",
    "get_absolute_url",
    "get_kind_display",
    "get_legal_form_display",
    "get_status_display",
    "get_budget_band_display",
)


# The columns of a directory export: public fields only, whoever exports.
EXPORT_COLUMNS = [
    ("name", _("name")),
    ("acronym", _("acronym")),
    ("kind", _("kind")),
    ("legal_form", _("legal form")),
    ("country", _("country")),
    ("region", _("region")),
    ("founded_year", _("founding year")),
    ("identifier", _("identifier")),
    ("website", _("website")),
    ("email", _("e-mail")),
    ("working_languages", _("working languages")),
    ("themes", _("thematic areas")),
    ("status", _("status")),
    ("verified_at", _("verified on")),
    ("url", _("address on Birge")),
    ("description", _("description")),
]


TEXT_FIELDS = ("name", "acronym", "description", "offers", "needs")
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class LocalizedText:
    value: str
    language: str  # the language the value is written in, for lang="" and a note when it is not the page's

    @property
    def is_other(self) -> bool:
        return bool(self.value) and self.language != translation.get_language()

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)

    def __str__(self) -> str:
        return self.value


def localized(organization: Organization, field: str) -> LocalizedText:
    """The text in the page's language, else in the first fallback that has it, saying which one."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    order = [current, *fallbacks.get(current, fallbacks["default"]), organization.original_language]
    order += [code for code, _name in settings.LANGUAGES]
    for code in order:
        value = getattr(organization, f"{field}_{code}", "")
        if value:
            return LocalizedText(value, code)
    return LocalizedText("", current)


class OrganizationView:
    """An organization as one viewer may see it. Attribute access passes public fields through, gives
    sensitive ones only when the viewer's level allows (None otherwise), and refuses anything else."""

    def __init__(self, organization: Organization, viewer: Viewer):
        self._org = organization
        self._viewer = viewer
        self.level = viewer.level(organization)
        self.shown = {
            group
            for group, (visibility_field, _names, _label) in SENSITIVE_GROUPS.items()
            if viewer.may_see(organization, getattr(organization, visibility_field))
        }

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in SENSITIVE_FIELDS:
            return getattr(self._org, name) if SENSITIVE_FIELDS[name] in self.shown else None
        if name == "get_budget_band_display":
            return self._org.get_budget_band_display if "budget" in self.shown else (lambda: None)
        if name in PUBLIC_FIELDS:
            return getattr(self._org, name)
        if name == "themes":
            return self._org.themes
        raise AttributeError(name)

    @property
    def texts(self) -> dict[str, LocalizedText]:
        return {field: localized(self._org, field) for field in TEXT_FIELDS}

    @property
    def translations(self) -> dict[str, dict[str, str]]:
        """Every written version of the texts, by field and language; the API gives them all."""
        return {
            field: {
                code: value for code in LANGUAGE_NAMES if (value := getattr(self._org, f"{field}_{code}", ""))
            }
            for field in TEXT_FIELDS
        }

    @property
    def hidden(self) -> list[str]:
        """Labels of the sensitive groups this viewer does not see, for a quiet note on the page."""
        return [str(label) for group, (_v, _n, label) in SENSITIVE_GROUPS.items() if group not in self.shown]

    @property
    def funding_mix(self) -> dict[str, int | None] | None:
        return self._org.funding_mix if "funding" in self.shown else None

    def data(self) -> dict[str, Any]:
        """Plain values for exports, the API and e-mails; hidden groups are absent, not empty."""
        data: dict[str, Any] = {
            "slug": self._org.slug,
            "name": self._org.name,
            "acronym": self._org.acronym,
            "kind": self._org.kind,
            "legal_form": self._org.legal_form,
            "country": self._org.country.code,
            "region": self._org.region.code if self._org.region_id else "",
            "founded_year": self._org.founded_year,
            "identifier": self._org.identifier or "",
            "website": self._org.website,
            "email": self._org.email,
            "working_languages": list(self._org.working_languages),
            "themes": [area.slug for area in self._org.themes.all()],
            "status": self._org.status,
            "verified_at": self._org.verified_at.date().isoformat() if self._org.verified_at else "",
            "description": self._org.description,
            "offers": self._org.offers,
            "needs": self._org.needs,
            "url": absolute_url(self._org.get_absolute_url()),
        }
        for group in self.shown:
            for name in SENSITIVE_GROUPS[group][1]:
                data[name] = getattr(self._org, name)
        return data


def present(organization: Organization, user=None, *, viewer: Viewer | None = None) -> OrganizationView:
    return OrganizationView(organization, viewer or Viewer.of(user))


def present_all(organizations: Iterable[Organization], user=None) -> list[OrganizationView]:
    """A list of views with one Viewer read (two queries at most), whatever the length of the list."""
    viewer = Viewer.of(user)
    return [OrganizationView(org, viewer) for org in organizations]
