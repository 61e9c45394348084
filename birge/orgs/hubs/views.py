"""The site administrator's page of hub administrators: who they are, appointing and removing them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.orgs.hubs.forms import AppointForm
from birge.orgs.hubs.reads import appointments
from birge.orgs.hubs.services import hub_admin_assign, hub_admin_remove


@login_required
def hub_admins(request: HttpRequest) -> HttpResponse:
    # Refused as the hub's queues refuse someone who is not a hub administrator.
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST" and "remove" in request.POST:
        return _remove(request, request.POST["remove"])
    form = AppointForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        user, country = form.cleaned_data["user"], form.cleaned_data["country"]
        try:
            hub_admin_assign(actor=request.user, user=user, country=country)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is now hub administrator of %(country)s and is told by e-mail.")
                % {"person": user, "country": country.name},
            )
            return redirect("orgs:hub_admins")
    return render(request, "orgs/hubs/hub_admins.html", {"appointments": appointments(), "form": form})


def _remove(request: HttpRequest, appointment_id: str) -> HttpResponse:
    appointment = None
    if appointment_id.isdecimal():
        appointment = appointments().filter(pk=int(appointment_id)).first()
    if appointment is None:
        messages.error(request, _("This appointment was already removed."))
        return redirect("orgs:hub_admins")
    user, country = appointment.user, appointment.country
    try:
        hub_admin_remove(actor=request.user, user=user, country=country)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s is no longer hub administrator of %(country)s.")
            % {"person": user, "country": country.name},
        )
    return redirect("orgs:hub_admins")
