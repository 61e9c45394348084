"""Creating and editing organization profiles. Each function checks permission, validates, changes inside a
transaction, writes the audit log, and queues the search index update for after the commit."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from birge.core.audit import FORGOTTEN, changed_fields, record_event
from birge.core.models import Country, Event, Region
from birge.core.validators import validate_multi_line, validate_single_line
from birge.orgs.events import Verb
from birge.orgs.members.models import Membership, Role
from birge.orgs.permissions import can_edit, can_manage_members
from birge.orgs.profiles import identifiers
from birge.orgs.profiles.fields import (
    GROUP_OF_FIELD,
    MULTI_LINE,
    SENSITIVE_FIELDS,
    VISIBILITY_SETTINGS,
    in_every_language,
)
from birge.orgs.profiles.logos import process_logo
from birge.orgs.profiles.models import LEGAL_FORMS_BY_KIND, Organization, Visibility
from birge.orgs.profiles.slugs import unique_slug
from birge.orgs.search import index_organizations
from birge.orgs.verification.suspension import suspend_verification

# Fields a profile step may change through `organization_update`; everything else has its own service.
EDITABLE_FIELDS = {
    "kind",
    "legal_form",
    "original_language",
    "country",
    "region",
    "founded_year",
    "identifier",
    "website",
    "email",
    "working_languages",
    "status",
    *SENSITIVE_FIELDS,
    *in_every_language(),
}


# A change to any of these is a change of who the organization is: a verification no longer vouches for it.
IDENTITY_FIELDS = ("kind", "legal_form", "identifier", "country", *in_every_language(["name"]))


def reindex_on_commit(*organizations: Organization) -> None:
    ids = [org.pk for org in organizations]
    transaction.on_commit(lambda: index_organizations(ids))


def _audit_value(name: str, value: Any) -> Any:
    # The audit log is read by administrators; values people chose to hide stay out of it.
    if name in SENSITIVE_FIELDS:
        return "•"
    return value.code if isinstance(value, Country | Region) else value


def _is_public_change(organization: Organization, names) -> bool:
    """Whether changing these fields changes what an anonymous visitor sees."""
    for name in names:
        group = GROUP_OF_FIELD.get(name)
        if group is None or getattr(organization, group.setting) == Visibility.PUBLIC:
            return True
    return False


def _touch_public(organization: Organization, update_fields: list[str]) -> list[str]:
    organization.public_updated_at = timezone.now()
    return [*update_fields, "public_updated_at"]


def _text_errors(organization: Organization, names) -> dict[str, list[str]]:
    """Control characters in these text fields, whatever form, import or script set them. Only the fields
    being written are checked: a value stored before this rule must not block an edit of another field."""
    errors: dict[str, list[str]] = {}
    for name in sorted(set(names) & EDITABLE_FIELDS):
        value = getattr(organization, name, None)
        if not isinstance(value, str):
            continue
        validate = validate_multi_line if name.rsplit("_", 1)[0] in MULTI_LINE else validate_single_line
        try:
            validate(value)
        except ValidationError as error:
            errors[name] = error.messages
    return errors


def _validate(organization: Organization, *, check_identifier: bool = True, written=EDITABLE_FIELDS) -> None:
    """The rules that hold between fields, whatever form or import the values came from; `written` names
    the fields being set (all of them for a new profile)."""
    errors: dict[str, list[str]] = _text_errors(organization, written)
    allowed_forms = LEGAL_FORMS_BY_KIND.get(organization.kind, [])
    if organization.legal_form and organization.legal_form not in allowed_forms:
        errors["legal_form"] = [_("This legal form does not fit the kind of organization.")]
    if organization.region_id and organization.region.country_id != organization.country_id:
        errors["region"] = [_("This region is not in the chosen country.")]
    if organization.identifier and check_identifier:
        try:
            organization.identifier = identifiers.normalize_identifier(organization.identifier)
        except ValidationError as error:
            errors["identifier"] = error.messages
        else:
            taken = list(
                Organization.objects.filter(identifier=organization.identifier)
                .exclude(pk=organization.pk)
                .values_list("published_at", flat=True)[:1]
            )
            if taken:
                # A published holder is public (its profile shows the identifier): point to the claim. A
                # draft is seen only by its members: say no more than that this identifier cannot be used.
                errors["identifier"] = [
                    _("Another organization already has this identifier. If it is yours, claim that profile.")
                    if taken[0] is not None
                    else _(
                        "This identifier cannot be used. If it is yours, write to the hub of your country."
                    )
                ]
    shares = [value for value in organization.funding_mix.values() if value is not None]
    if sum(shares) > 100:
        errors["funding_foreign"] = [_("The shares of funding add up to more than 100%.")]
    if organization.founded_year and organization.founded_year > timezone.now().year:
        errors["founded_year"] = [_("The founding year is in the future.")]
    if not organization.name:
        errors["name"] = [_("The organization needs a name.")]
    if errors:
        raise ValidationError(errors)


def _issue_platform_identifier(organization: Organization) -> None:
    """Where no register applies (most Turkmen CSOs), the platform gives the organization an identifier
    of its own, so that exports and other platforms can still refer to it."""
    if organization.identifier or identifiers.has_register(organization.country.code):
        return
    organization.identifier = identifiers.platform_identifier(organization.country.code, organization.pk)
    organization.save(update_fields=["identifier"])


def organization_create(
    *, actor, kind: str, name: str, country: Country, original_language: str, **fields: Any
) -> Organization:
    """A new draft profile; its creator becomes its owner. It stays out of the directory until published."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    organization = Organization(kind=kind, country=country, original_language=original_language, **fields)
    setattr(organization, f"name_{original_language}", name.strip())
    organization.name = name.strip()
    _validate(organization)
    with transaction.atomic():
        organization.slug = unique_slug(name, Organization.objects.all())
        organization.save()
        Membership.objects.create(organization=organization, user=actor, role=Role.OWNER)
        _issue_platform_identifier(organization)
        record_event(
            actor,
            Verb.ORG_CREATED,
            organization,
            new={
                "name": organization.name,
                "kind": kind,
                "country": country.code,
                "identifier": organization.identifier or "",
            },
        )
    return organization


def organization_update(*, actor, organization: Organization, **fields: Any) -> Organization:
    """Change profile fields (one step of the form at a time). The audit entry holds only what changed —
    and for sensitive fields only that they changed, not their values."""
    if not can_edit(actor, organization):
        raise PermissionDenied
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    before = {name: getattr(organization, name) for name in fields}
    for name, value in fields.items():
        setattr(organization, name, value.strip() if isinstance(value, str) else value)
    _validate(
        organization,
        check_identifier=organization.identifier != before.get("identifier", organization.identifier),
        written=fields,
    )
    old, new = changed_fields(organization, before, list(fields))
    if not new:
        return organization
    update_fields = [*new, "updated_at"]
    if _is_public_change(organization, new):
        update_fields = _touch_public(organization, update_fields)
    with transaction.atomic():
        organization.save(update_fields=update_fields)
        _issue_platform_identifier(organization)
        record_event(
            actor,
            Verb.ORG_UPDATED,
            organization,
            {name: _audit_value(name, value) for name, value in old.items()},
            {name: _audit_value(name, value) for name, value in new.items()},
        )
        identity = {name: [old[name], new[name]] for name in IDENTITY_FIELDS if name in new}
        if identity:
            suspend_verification(actor=actor, organization=organization, changes=identity)
        reindex_on_commit(organization)
    return organization


CONTACT_PERSON_FIELDS = ("contact_name", "contact_email", "contact_phone")


def contact_person_forget(*, organization: Organization) -> Organization:
    """The system, when the contact person's account is deleted: clear the contact person, and in this
    organization's history keep that it changed, not who it was. No actor and no permission check: only
    the account-deletion hook calls it, inside the deletion's transaction."""
    cleared = {name: value for name in CONTACT_PERSON_FIELDS if (value := getattr(organization, name))}
    if not cleared:
        return organization
    for name in cleared:
        setattr(organization, name, "")
    update_fields = [*cleared, "updated_at"]
    if _is_public_change(organization, cleared):
        update_fields = _touch_public(organization, update_fields)
    organization.save(update_fields=update_fields)
    history = Event.objects.filter(
        target_type=ContentType.objects.get_for_model(Organization), target_id=str(organization.pk)
    )
    mentions = Q(pk__in=[])
    for name in cleared:
        mentions |= Q(old__has_key=name) | Q(new__has_key=name)
    for event in history.filter(mentions):
        event.old, event.new = _forget_values(event.old, cleared), _forget_values(event.new, cleared)
        event.save(update_fields=["old", "new"])
    record_event(
        None,
        Verb.ORG_UPDATED,
        organization,
        old=dict.fromkeys(cleared, FORGOTTEN),
        new={**dict.fromkeys(cleared, ""), "reason": "account deleted"},
    )
    return organization


def _forget_values(data: dict, cleared: dict[str, str]) -> dict:
    return {
        key: FORGOTTEN if key in cleared and str(value).lower() == cleared[key].lower() else value
        for key, value in data.items()
    }


def organization_set_themes(*, actor, organization: Organization, themes) -> Organization:
    if not can_edit(actor, organization):
        raise PermissionDenied
    before = sorted(organization.themes.values_list("slug", flat=True))
    after = sorted(theme.slug for theme in themes)
    if before == after:
        return organization
    with transaction.atomic():
        organization.themes.set(themes)
        organization.save(update_fields=_touch_public(organization, ["updated_at"]))
        record_event(actor, Verb.ORG_UPDATED, organization, {"themes": before}, {"themes": after})
        reindex_on_commit(organization)
    return organization


def organization_set_visibility(*, actor, organization: Organization, **levels: str) -> Organization:
    if not can_edit(actor, organization):
        raise PermissionDenied
    if set(levels) - set(VISIBILITY_SETTINGS) or set(levels.values()) - set(Visibility.values):
        raise ValidationError(_("Unknown visibility setting."))
    before = {name: getattr(organization, name) for name in levels}
    for name, value in levels.items():
        setattr(organization, name, value)
    old, new = changed_fields(organization, before, list(levels))
    if not new:
        return organization
    update_fields = [*new, "updated_at"]
    # A field that becomes public, or stops being, changes what anyone sees.
    if Visibility.PUBLIC in {*old.values(), *new.values()}:
        update_fields = _touch_public(organization, update_fields)
    with transaction.atomic():
        organization.save(update_fields=update_fields)
        record_event(actor, Verb.ORG_VISIBILITY_CHANGED, organization, old, new)
    return organization


def organization_publish(*, actor, organization: Organization) -> Organization:
    if not can_manage_members(actor, organization):
        raise PermissionDenied
    if organization.is_published:
        return organization
    with transaction.atomic():
        organization.published_at = organization.public_updated_at = timezone.now()
        organization.save(update_fields=["published_at", "updated_at", "public_updated_at"])
        record_event(actor, Verb.ORG_PUBLISHED, organization)
        reindex_on_commit(organization)
    return organization


def organization_set_logo(*, actor, organization: Organization, upload) -> Organization:
    """Validate and re-encode the upload (no metadata survives), then replace the old files."""
    if not can_edit(actor, organization):
        raise PermissionDenied
    logo = process_logo(upload)  # raises ValidationError before anything changes
    old_files = [organization.logo.name, organization.logo_thumbnail.name]
    with transaction.atomic():
        organization.logo.save(logo.profile_name, logo.profile, save=False)
        organization.logo_thumbnail.save(logo.thumbnail_name, logo.thumbnail, save=False)
        organization.save(update_fields=_touch_public(organization, ["logo", "logo_thumbnail", "updated_at"]))
        record_event(actor, Verb.ORG_LOGO_CHANGED, organization, new={"logo": organization.logo.name})
    _delete_files(organization, old_files)
    return organization


def organization_remove_logo(*, actor, organization: Organization) -> Organization:
    if not can_edit(actor, organization):
        raise PermissionDenied
    old_files = [organization.logo.name, organization.logo_thumbnail.name]
    if not any(old_files):
        return organization
    with transaction.atomic():
        organization.logo, organization.logo_thumbnail = "", ""
        organization.save(update_fields=_touch_public(organization, ["logo", "logo_thumbnail", "updated_at"]))
        record_event(actor, Verb.ORG_LOGO_CHANGED, organization, new={"logo": ""})
    _delete_files(organization, old_files)
    return organization


def _delete_files(organization: Organization, names: list[str]) -> None:
    storage = organization.logo.storage
    for name in names:
        if name:
            storage.delete(name)
