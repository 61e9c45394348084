"""An organization's members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.orgs.members.forms import InvitationForm, RoleForm
from birge.orgs.members.models import Invitation, Membership
from birge.orgs.members.services import (
    invitation_accept,
    invitation_create,
    invitation_find,
    invitation_revoke,
    member_change_role,
    member_leave,
    member_remove,
)
from birge.orgs.permissions import Viewer, is_hub_admin
from birge.orgs.profiles.reads import organization_or_404


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_or_404(request.user, slug)
    viewer = Viewer.of(request.user)
    if not viewer.is_member(organization):
        raise PermissionDenied
    manager = viewer.can_manage_members(organization)
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not manager:
            raise PermissionDenied
        if form.is_valid():
            try:
                invitation_create(actor=request.user, organization=organization, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The invitation is sent."))
                return redirect("orgs:members", organization.slug)
    context = {
        "organization": organization,
        "memberships": organization.memberships.select_related("user").order_by("role", "user__email"),
        "invitations": [i for i in organization.invitations.order_by("-created_at")[:50] if i.is_open]
        if manager
        else [],
        "form": form,
        "role_form": RoleForm(),
        "can_manage": manager,
    }
    return render(request, "orgs/members/members.html", context)


@login_required
@require_POST
def member(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organization = organization_or_404(request.user, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("organization", "user"), pk=membership_id, organization=organization
    )
    try:
        if "remove" in request.POST:
            member_remove(actor=request.user, membership=membership)
            messages.success(request, _("The member is removed."))
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a role."))
            member_change_role(actor=request.user, membership=membership, role=form.cleaned_data["role"])
            messages.success(request, _("The role is changed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("orgs:members", slug)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    organization = organization_or_404(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=invitation_id, organization=organization)
    invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("The invitation is revoked."))
    return redirect("orgs:members", slug)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_or_404(request.user, slug)
    try:
        member_leave(user=request.user, organization=organization)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orgs:members", slug)
    messages.success(request, _("You have left the organization."))
    return redirect("orgs:mine")


@login_required
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_find(token)
    problem = ""
    if request.method == "POST":
        try:
            membership = invitation_accept(user=request.user, token=token)
        except (ValidationError, PermissionDenied) as error:
            problem = " ".join(getattr(error, "messages", [str(error)]))
        else:
            messages.success(request, _("Welcome: you are now a member."))
            return redirect(membership.organization.get_absolute_url())
    elif invitation is None or not invitation.is_open:
        problem = _("This invitation is no longer valid. Ask for a new one.")
    return render(request, "orgs/members/invitation.html", {"invitation": invitation, "problem": problem})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organization", "organization__country")
        .order_by("organization__name")
    )
    claims = request.user.org_claims.filter(status="pending").select_related("organization")
    context = {"memberships": memberships, "claims": claims, "is_hub_admin": is_hub_admin(request.user)}
    return render(request, "orgs/members/mine.html", context)
