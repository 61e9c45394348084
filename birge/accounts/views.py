"""A person's own account: profile, language, data export, deletion. allauth serves the rest."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from birge.core.notifications.reads import failing_address
from birge.core.views import safe_next

from . import services
from .forms import DeleteAccountForm, ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm.for_user(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.profile_update(actor=request.user, user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        # The page itself may change language: follow the saved choice.
        return redirect(translate_url(request.path, user.language))
    context = {"form": form, "section": "profile", "failing": failing_address(request.user)}
    return render(request, "accounts/profile.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language, remember it and return to the same page in the new language.

    Anonymous visitors follow a link (GET): the choice goes into a cookie only, and the pages holding the
    menu need no form and no CSRF cookie. Signed-in users post the menu's form: the choice is also saved in
    their profile, a change that a GET must not make."""
    language = (request.POST if request.method == "POST" else request.GET).get("language", "")
    if language not in settings.LANGUAGE_CODES:
        return HttpResponseBadRequest(_("Unknown language."))
    if request.method == "POST" and request.user.is_authenticated and request.user.language != language:
        services.profile_set_language(actor=request.user, user=request.user, language=language)
    response = HttpResponseRedirect(translate_url(safe_next(request, f"/{language}/"), language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=request.is_secure(),
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        context = {"section": "data", "exported_by_apps": services.exported_by_apps()}
        return render(request, "accounts/export.html", context)
    data = services.account_export(actor=request.user, user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"birge-account-{timezone.now():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    blockers = services.account_deletion_blockers(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.account_delete(actor=request.user, user=request.user)
        except services.AccountDeletionBlocked as blocked:  # someone left meanwhile
            blockers = blocked.blockers
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("core:home")
    context = {
        "form": form,
        "blockers": blockers,
        "section": "data",
        "erased_by_apps": services.erased_by_apps(),
    }
    return render(request, "accounts/delete.html", context)
