"""A person's e-mail alerts of new calls: saving the list's search as one, the page of them, deleting one."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.funding.alerts import services
from birge.funding.alerts.models import CallAlert
from birge.funding.alerts.reads import alerts_of
from birge.funding.calls.reads import CallFilters


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "funding/alerts/list.html",
        {"rows": alerts_of(request.user), "max_alerts": services.MAX_ALERTS},
    )


@require_POST
@login_required
def alert_new(request: HttpRequest) -> HttpResponse:
    """Save the search the list's form sent (the same fields as the list's query)."""
    filters = CallFilters.from_query(request.POST)
    try:
        _alert, created = services.alert_save(actor=request.user, filters=filters)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        # Back to the same search, where the message is read beside what was being saved.
        query = urlencode(services.alert_values(filters))
        return redirect(f"{reverse('funding:calls')}?{query}" if query else reverse("funding:calls"))
    if created:
        messages.success(request, _("Saved. You will get an e-mail when a call like these is announced."))
    else:
        messages.info(request, _("You have this alert already."))
    return redirect("funding:alerts")


@require_POST
@login_required
def alert_delete(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's alert is not found, as if it did not exist.
    alert = get_object_or_404(CallAlert, pk=pk, user=request.user)
    services.alert_delete(actor=request.user, alert=alert)
    messages.success(request, _("The alert is deleted."))
    return redirect("funding:alerts")
