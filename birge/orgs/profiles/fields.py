"""Every field of an organization's profile that leaves the database, defined once.

Who may see a field, whether it is written in every language, how search weighs it, what an export calls
it: the model, the editing forms, the profile page, lists, exports, the API schema, the administration and
search all read this module. Adding a field, a sensitive group or an audience is one change here (and a
migration where the model gains a column).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a sensitive field, from the widest audience to the narrowest. The order matters:
    a viewer at a level sees every field set to that level or a wider one."""

    PUBLIC = "public", _("everyone")
    SIGNED_IN = "signed_in", _("signed-in users")
    PARTNERS = "partners", _("partner organizations")
    MEMBERS = "members", _("members only")


# From the widest audience to the narrowest; a viewer at level N sees fields set to level <= N.
LEVELS: list[str] = list(Visibility.values)


@dataclass(frozen=True)
class Group:
    """Sensitive fields that share one visibility setting, chosen by the organization."""

    key: str
    fields: tuple[str, ...]
    label: Any  # what the page says is hidden ("phone")
    question: Any  # the setting's name, on the form and in the administration ("who sees the phone")
    default: str  # the conservative choice a new organization starts with

    @property
    def setting(self) -> str:
        """The model field holding this group's visibility."""
        return f"{self.key}_visibility"


GROUPS: tuple[Group, ...] = (
    Group(
        "staff_contacts",
        ("contact_name", "contact_email", "contact_phone"),
        _("contact person"),
        _("who sees the contact person"),
        Visibility.PARTNERS,
    ),
    Group("phone", ("phone",), _("phone"), _("who sees the phone"), Visibility.SIGNED_IN),
    Group("address", ("address",), _("address"), _("who sees the address"), Visibility.SIGNED_IN),
    Group(
        "staff_counts",
        ("staff_count", "volunteer_count"),
        _("staff and volunteers"),
        _("who sees staff and volunteer counts"),
        Visibility.PUBLIC,
    ),
    Group("budget", ("budget_band",), _("annual budget"), _("who sees the budget"), Visibility.MEMBERS),
    Group(
        "funding",
        ("funding_foreign", "funding_state", "funding_membership", "funding_business", "funding_individual"),
        _("funding mix"),
        _("who sees the funding mix"),
        Visibility.MEMBERS,
    ),
    # No fields of the profile: the passport's own pages read this setting.
    Group(
        "passport",
        (),
        _("due-diligence passport"),
        _("who sees the due-diligence passport"),
        Visibility.MEMBERS,
    ),
)

GROUP_BY_KEY: dict[str, Group] = {group.key: group for group in GROUPS}
GROUP_OF_FIELD: dict[str, Group] = {name: group for group in GROUPS for name in group.fields}
SENSITIVE_FIELDS: frozenset[str] = frozenset(GROUP_OF_FIELD)
VISIBILITY_SETTINGS: tuple[str, ...] = tuple(group.setting for group in GROUPS)


def with_settings(*keys: str) -> list[str]:
    """The fields of these groups, each group followed by its visibility setting: a form step's fields."""
    return [name for key in keys for name in (*GROUP_BY_KEY[key].fields, GROUP_BY_KEY[key].setting)]


# The sources of the funding mix: its key on the page and in the API, and what the page calls it.
FUNDING_SOURCES: dict[str, Any] = {
    "foreign": _("foreign grants"),
    "state": _("state funding"),
    "membership": _("membership fees"),
    "business": _("business"),
    "individual": _("individual donations"),
}


# Texts written in every language (modeltranslation adds `<name>_<code>` columns), with the weight search
# gives a match in them: a word of the name ranks above the same word in a description.
TRANSLATED: dict[str, str] = {
    "name": "title",
    "acronym": "title",
    "description": "body",
    "offers": "body",
    "needs": "body",
}
TITLE_TEXTS = tuple(name for name, weight in TRANSLATED.items() if weight == "title")
BODY_TEXTS = tuple(name for name, weight in TRANSLATED.items() if weight == "body")

# Texts that keep line breaks; every other text of a profile is one line (names end up in e-mail subjects
# and headers, where a line break breaks the message).
MULTI_LINE = ("description", "offers", "needs", "address")


def in_every_language(names: Iterable[str] = TRANSLATED) -> Iterator[str]:
    """The columns holding `names` in each language the site speaks: name_ru, name_en, ..."""
    for name in names:
        for code in settings.LANGUAGE_CODES:
            yield f"{name}_{code}"


# What anyone may read. Everything not listed here or in GROUPS is unreachable through a view.
PUBLIC: frozenset[str] = frozenset(
    {
        "pk",
        "slug",
        "kind",
        "legal_form",
        *TRANSLATED,
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
    }
)

# The columns of a directory export, in order: public fields only, whoever exports.
EXPORT_COLUMNS: list[tuple[str, Any]] = [
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
