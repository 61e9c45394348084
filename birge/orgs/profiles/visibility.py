"""The one path by which an organization's fields reach anyone: the profile page, lists, search results,
exports, the API and e-mails all go through `present()` (one organization) or `present_all()` (a list),
so a field hidden from a viewer is hidden everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

from birge.core.notifications.emails import absolute_url
from birge.orgs.permissions import Viewer, Who
from birge.orgs.profiles.fields import GROUP_OF_FIELD, GROUPS, PUBLIC, TRANSLATED
from birge.orgs.profiles.models import Organization

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
            group.key
            for group in GROUPS
            if viewer.may_see(organization, getattr(organization, group.setting))
        }

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in GROUP_OF_FIELD:
            return getattr(self._org, name) if GROUP_OF_FIELD[name].key in self.shown else None
        if name == "get_budget_band_display":
            return self._org.get_budget_band_display if "budget" in self.shown else (lambda: None)
        if name in PUBLIC:
            return getattr(self._org, name)
        if name == "themes":
            return self._org.themes
        raise AttributeError(name)

    @property
    def texts(self) -> dict[str, LocalizedText]:
        return {field: localized(self._org, field) for field in TRANSLATED}

    @property
    def translations(self) -> dict[str, dict[str, str]]:
        """Every written version of the texts, by field and language; the API gives them all."""
        return {
            field: {
                code: value for code in LANGUAGE_NAMES if (value := getattr(self._org, f"{field}_{code}", ""))
            }
            for field in TRANSLATED
        }

    @property
    def hidden(self) -> list[str]:
        """Labels of the sensitive groups this viewer does not see, for a quiet note on the page."""
        return [str(group.label) for group in GROUPS if group.key not in self.shown]

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
        for group in GROUPS:
            if group.key in self.shown:
                data.update({name: getattr(self._org, name) for name in group.fields})
        return data


def present(organization: Organization, who: Who = None) -> OrganizationView:
    """`organization` as `who` (a user, None for an anonymous reader, or the page's Viewer) may see it."""
    return OrganizationView(organization, Viewer.of(who))


def present_all(organizations: Iterable[Organization], who: Who = None) -> list[OrganizationView]:
    """A list of views with one Viewer (two queries at most), whatever the length of the list."""
    viewer = Viewer.of(who)
    return [OrganizationView(org, viewer) for org in organizations]
