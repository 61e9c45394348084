"""The inbox, the settings page and the one-click unsubscribe page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.core.notifications import reads, services
from birge.core.notifications.forms import NoticePreferencesForm
from birge.core.notifications.kinds import NOTICE_KINDS
from birge.core.notifications.unsubscribe import read_token
from birge.core.pagination import paginate


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    context = {
        "links": paginate(request, reads.inbox(request.user)),
        "unread": reads.unread_count(request.user),
    }
    return render(request, "core/notifications/inbox.html", context)


@login_required
@require_POST
def open_notice(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = services.notification_open(user=request.user, notification_id=notice_id)
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect(notice.url)
    return redirect("core:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_read_all(user=request.user)
    return redirect("core:inbox")


@login_required
def notice_settings(request: HttpRequest) -> HttpResponse:
    current = services.deliveries_of(request.user)
    form = NoticePreferencesForm(request.POST or None, user=request.user, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_preferences_set(actor=request.user, user=request.user, choices=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("core:notice_settings")
    context = {
        "form": form,
        "locked": [kind for kind in NOTICE_KINDS.values() if kind.locked and kind.offered_to(request.user)],
        "failing": reads.failing_address(request.user),
        "digest_hour": f"{settings.BIRGE_DIGEST_HOUR:02d}",
    }
    return render(request, "core/notifications/settings.html", context)


@login_required
@require_POST
def email_works(request: HttpRequest) -> HttpResponse:
    services.address_works_again(actor=request.user, email=request.user.email)
    messages.success(request, _("Birge will e-mail you again."))
    return redirect("core:notice_settings")


# A mail program's one-click unsubscribe (RFC 8058) posts here without a session or a CSRF token; the
# signed token in the address is what authorizes it. A GET only asks, so that a link scanner opening the
# address changes nothing.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = read_token(token)
    person = get_user_model().objects.filter(pk=found[0], is_active=True).first() if found else None
    if person is None:
        return render(request, "core/notifications/unsubscribe.html", {"invalid": True}, status=404)
    key = found[1]
    kind = NOTICE_KINDS.get(key)
    what = kind.description if kind else _("the digest")
    done = False
    if request.method == "POST":
        try:
            services.notice_unsubscribe(user=person, kind=key)
        except ValidationError:
            return render(request, "core/notifications/unsubscribe.html", {"invalid": True}, status=404)
        done = True
    return render(request, "core/notifications/unsubscribe.html", {"what": what, "done": done})
