"""What the directory holds about a person, for their data export and the deletion of their account
(registered in `OrgsConfig.ready()`; see `birge.core.registry.AccountHooks`).

On deletion:
- an organization must not be left with members and no owner (the rule `members/services.py` holds for
  leaving): while the person is its last owner and anyone else belongs to it, the deletion is refused and
  the page names the organization. An organization they alone belong to stays listed without a manager and
  can be claimed, as when the last member leaves;
- memberships go with the account; invitations addressed to any of their e-mail addresses (or accepted by
  them) are deleted; their claims are deleted with the evidence files, once the deletion is committed;
- where they are an organization's contact person (the contact e-mail is theirs), the contact person is
  cleared and the change is in the audit log, its old values replaced by "deleted user". The
  organization's own e-mail and phone are the organization's, and stay.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.registry import AccountHooks, DeletionBlocker
from birge.orgs.claims.models import Claim
from birge.orgs.members.models import Invitation, Membership, Role
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.services import contact_person_forget


def _any_address(field: str, addresses: set[str]) -> Q:
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


def export(user) -> dict:
    memberships = Membership.objects.filter(user=user).select_related("organization").order_by("created_at")
    claims = Claim.objects.filter(claimant=user).select_related("organization").order_by("created_at")
    return {
        "memberships": [
            {"organization": m.organization.slug, "role": m.role, "since": m.created_at.isoformat()}
            for m in memberships
        ],
        "claims": [
            {
                "organization": c.organization.slug,
                "kind": c.kind,
                "status": c.status,
                "position": c.position,
                "evidence": c.evidence,
                "document": bool(c.evidence_file),
                "submitted": c.created_at.isoformat(),
            }
            for c in claims
        ],
    }


def organizations_left_without_owner(user) -> list[Organization]:
    """The organizations where `user` is the only owner while other people belong to them."""
    owned = Membership.objects.filter(user=user, role=Role.OWNER).values("organization")
    other_owners = Membership.objects.filter(role=Role.OWNER).exclude(user=user).values("organization")
    others = Membership.objects.exclude(user=user).values("organization")
    return list(
        Organization.objects.filter(pk__in=owned)
        .exclude(pk__in=other_owners)
        .filter(pk__in=others)
        .order_by("name")
    )


def blockers(user) -> list[DeletionBlocker]:
    organizations = organizations_left_without_owner(user)
    if not organizations:
        return []
    return [
        DeletionBlocker(
            reason=_(
                "You are the last owner of these organizations, and other people belong to them. On each "
                "organization's members page, make someone else an owner (or remove the other members) "
                "before you delete your account."
            ),
            links=[(o.name, reverse("orgs:members", args=[o.slug])) for o in organizations],
        )
    ]


def erase(user, addresses: set[str]) -> None:
    Invitation.objects.filter(_any_address("email", addresses) | Q(accepted_by=user)).delete()
    for claim in Claim.objects.filter(claimant=user).exclude(evidence_file=""):
        storage, name = claim.evidence_file.storage, claim.evidence_file.name
        transaction.on_commit(partial(storage.delete, name))
    Claim.objects.filter(claimant=user).delete()
    for organization in Organization.objects.filter(_any_address("contact_email", addresses)):
        contact_person_forget(organization=organization)


HOOKS = AccountHooks(
    export=export,
    blockers=blockers,
    erase=erase,
    exported=gettext_lazy("your memberships and requests to manage organizations"),
    erased=gettext_lazy(
        "your memberships, the invitations sent to you, and your requests to manage organizations with "
        "their documents"
    ),
)
