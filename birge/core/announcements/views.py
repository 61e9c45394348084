"""The platform's announcements: a list anyone may read, each on its page, and for site administrators
the form that publishes one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from birge.core.announcements.forms import AnnouncementForm
from birge.core.announcements.models import Announcement
from birge.core.announcements.services import announcement_publish
from birge.core.forms import apply_errors
from birge.core.pagination import paginate


def announcements(request: HttpRequest) -> HttpResponse:
    may_publish = request.user.is_authenticated and request.user.is_superuser
    form = AnnouncementForm(request.POST or None) if may_publish else None
    if request.method == "POST":
        if not may_publish:
            raise PermissionDenied
        if form.is_valid():
            try:
                announcement = announcement_publish(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Published: every member is told as they chose."))
                return redirect("core:announcement", announcement.pk)
    context = {
        "links": paginate(request, Announcement.objects.only("pk", "title", "created_at")),
        "form": form,
    }
    return render(request, "core/announcements/list.html", context)


def announcement(request: HttpRequest, announcement_id: int) -> HttpResponse:
    found = get_object_or_404(Announcement, pk=announcement_id)
    return render(request, "core/announcements/detail.html", {"announcement": found})
