"""Every write to a network's charter: saving a new version (coordinators), and adopting one when a decision
that names it closes carried (the decisions feature calls `charter_adopt`).

A saved version is never changed: each save makes the next number. An editor who started from an older
version than the newest is refused (`STALE`), so that nobody writes over a text they have not seen; the
view then shows the text they typed beside the newer one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line, validate_single_line
from birge.networks.charter.models import SECTIONS, Action, ActionStatus, CharterVersion
from birge.networks.decisions.models import Decision, DecisionStatus
from birge.networks.events import Verb
from birge.networks.membership.models import NetworkMembership
from birge.networks.membership.reads import people_of
from birge.networks.networks.models import Network
from birge.networks.networks.services import require_active
from birge.networks.permissions import can_manage

SECTION_NAMES = tuple(name for name, _label in SECTIONS)
# The code of the refusal of an edit that started from an older version than the newest.
STALE = "stale"
MAX_SECTION = 20_000
MAX_ACTIONS = 100
MAX_TITLE = 300
MAX_NOTE = 300


def _clean_texts(texts: dict[str, str], errors: dict[str, list[str]]) -> dict[str, str]:
    unknown = set(texts) - set(SECTION_NAMES)
    if unknown:
        raise TypeError(f"charter_save() got unknown sections {sorted(unknown)}")
    cleaned = {}
    for name in SECTION_NAMES:
        # One kind of line break, whatever the browser sent, so that versions compare line by line.
        text = (texts.get(name) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        try:
            validate_multi_line(text)
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.messages)
        if len(text) > MAX_SECTION:
            errors.setdefault(name, []).append(
                _("Keep this section under %(limit)s characters.") % {"limit": f"{MAX_SECTION:,}"}
            )
        cleaned[name] = text
    if not cleaned["purpose"]:
        errors.setdefault("purpose", []).append(_("Say what the network is for."))
    return cleaned


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError


def _owner_id(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if hasattr(value, "pk"):
        return value.pk
    return int(value)


def _clean_actions(network: Network, actions: list[dict], errors: dict[str, list[str]]) -> list[dict]:
    """The filled rows of `actions`, each checked; empty rows are left out. The problems of a row are named
    by its number, in the `actions` error the form shows above its table."""
    members = None
    rows, problems = [], []
    for number, row in enumerate(actions, start=1):
        title = (row.get("title") or "").strip()
        status = row.get("status") or ActionStatus.PLANNED
        owner, due = row.get("owner"), row.get("due_on")
        if not title and owner in (None, "") and due in (None, "") and status == ActionStatus.PLANNED:
            continue
        said = {"number": number}

        def problem(message: str, said=said) -> None:
            problems.append(_("Action %(number)s: %(problem)s") % {**said, "problem": message})

        if not title:
            problem(_("give it a title."))
        elif len(title) > MAX_TITLE:
            problem(_("keep the title under %(limit)s characters.") % {"limit": MAX_TITLE})
        else:
            try:
                validate_single_line(title)
            except ValidationError as error:
                problem(" ".join(error.messages))
        try:
            owner_id = _owner_id(owner)
        except (TypeError, ValueError):
            owner_id = None
            problem(_("choose a member organization as its owner."))
        else:
            if owner_id is not None:
                if members is None:
                    members = set(
                        NetworkMembership.objects.filter(network=network).values_list(
                            "organization_id", flat=True
                        )
                    )
                if owner_id not in members:
                    problem(_("its owner must be a member organization of the network."))
        try:
            due_on = _date(due)
        except ValueError:
            due_on = None
            problem(_("give the due date as a date."))
        if status not in ActionStatus.values:
            problem(_("choose a status."))
        rows.append({"title": title, "owner_id": owner_id, "due_on": due_on, "status": status})
    if len(rows) > MAX_ACTIONS:
        problems.append(_("A charter holds at most %(limit)s actions.") % {"limit": MAX_ACTIONS})
    if problems:
        errors.setdefault("actions", []).extend(problems)
    return rows


def _same_as(version: CharterVersion | None, texts: dict[str, str], rows: list[dict]) -> bool:
    if version is None:
        return False
    if any(getattr(version, name) != texts[name] for name in SECTION_NAMES):
        return False
    saved = [
        {"title": a.title, "owner_id": a.owner_id, "due_on": a.due_on, "status": a.status}
        for a in version.actions.all()
    ]
    return saved == rows


def stale_error(current: int) -> ValidationError:
    return ValidationError(
        _(
            "Someone saved version %(number)s while you were editing. Your text is kept below, beside "
            "theirs: bring in what you want to keep and save again."
        ),
        code=STALE,
        params={"number": current},
    )


def charter_save(
    *,
    actor,
    network: Network,
    base_number: int,
    texts: dict[str, str],
    actions: list[dict],
    note: str = "",
) -> CharterVersion:
    """Save the charter's texts and actions as the next version; coordinators only, in an active network.

    `base_number` is the version the editor started from (0 for a network with no charter yet); if a newer
    one was saved since, the save is refused with the code `STALE` and nothing is written. Each row of
    `actions` is a dict with `title`, `owner` (a member organization or its id), `due_on` (a date) and
    `status`; empty rows are left out."""
    if not can_manage(actor, network):
        raise PermissionDenied
    require_active(network)
    errors: dict[str, list[str]] = {}
    cleaned = _clean_texts(texts, errors)
    rows = _clean_actions(network, actions, errors)
    note = (note or "").strip()
    try:
        validate_single_line(note)
    except ValidationError as error:
        errors.setdefault("note", []).extend(error.messages)
    if len(note) > MAX_NOTE:
        errors.setdefault("note", []).append(
            _("Keep the note under %(limit)s characters.") % {"limit": MAX_NOTE}
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            # One save at a time per network: the second waits here, then sees the first one's version.
            Network.objects.select_for_update().filter(pk=network.pk).first()
            latest = (
                CharterVersion.objects.filter(network=network)
                .prefetch_related("actions")
                .order_by("-number")
                .first()
            )
            current = latest.number if latest else 0
            if base_number != current:
                raise stale_error(current)
            if _same_as(latest, cleaned, rows):
                raise ValidationError(
                    _("Nothing changed since version %(number)s.") % {"number": current}, code="unchanged"
                )
            version = CharterVersion.objects.create(
                network=network, number=current + 1, note=note, created_by=actor, **cleaned
            )
            Action.objects.bulk_create(
                Action(version=version, position=position, **row) for position, row in enumerate(rows)
            )
            changed = [name for name in SECTION_NAMES if getattr(latest, name, "") != cleaned[name]]
            record_event(
                actor,
                Verb.CHARTER_SAVED,
                version,
                old={"number": current} if current else {},
                new={"number": version.number, "sections": changed, "actions": len(rows)},
            )
    except IntegrityError:
        # Another save took the number between the check and the write (a database without row locks).
        numbers = CharterVersion.objects.filter(network=network).order_by("-number")
        latest_number = numbers.values_list("number", flat=True).first()
        raise stale_error(latest_number or 0) from None
    return version


def charter_adopt(*, decision: Decision) -> CharterVersion:
    """Adopt the charter version `decision` names, once the decision closed carried. A system action, run
    by the decisions feature when it closes a decision: it checks the decision instead of a person. The
    adopted version is told to everyone of the network's member organizations. Adopting the version already
    in force changes nothing."""
    version = decision.charter_version
    if version is None:
        raise ValidationError(_("This decision adopts no version of the charter."))
    if version.network_id != decision.network_id:
        raise ValidationError(_("This version belongs to the charter of another network."))
    if decision.status != DecisionStatus.CLOSED or decision.carried is not True:
        raise ValidationError(_("A charter is adopted only by a decision that closed carried."))
    network = decision.network
    with transaction.atomic():
        version = CharterVersion.objects.select_for_update().get(pk=version.pk)
        in_force = (
            CharterVersion.objects.filter(network=network, adopted_at__isnull=False)
            .order_by("-adopted_at", "-number")
            .first()
        )
        if in_force is not None and in_force.pk == version.pk:
            return version
        before = version.adopted_at
        version.adopted_at = decision.closed_at or timezone.now()
        version.save(update_fields=["adopted_at"])
        event = record_event(
            None,
            Verb.CHARTER_ADOPTED,
            version,
            old={"adopted_at": before.isoformat()} if before else {},
            new={
                "number": version.number,
                "decision": decision.pk,
                "adopted_at": version.adopted_at.isoformat(),
            },
        )
        notify(
            people_of(network),
            kind="networks.decision",
            about=decision,
            event=event,
            subject=gettext_lazy("A charter is adopted"),
            template="networks/charter/email/adopted.txt",
            context={"network": network.name, "number": version.number, "decision": decision.title},
            link=("networks:charter_version", (network.slug, version.number)),
        )
    return version
