"""The IATI export: one public project, or every one (optionally those of one organization), as IATI
2.03 XML for aggregators to read.

The files are the same for everyone, so these views read no session, and any cache on the way may keep a
copy for an hour. A project not everyone may know answers 404 here, whoever asks: a private project is
never published."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from birge.projects.iati.exports import activities_document, exported_projects

PUBLIC_SECONDS = 3600
MAX_SLUG = 80


def _xml(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
    return response


@require_safe
def all_projects(request: HttpRequest) -> HttpResponse:
    organization = request.GET.get("organization", "")[:MAX_SLUG]
    return _xml(activities_document(exported_projects(organization)), "birge-projects-iati.xml")


@require_safe
def one_project(request: HttpRequest, slug: str) -> HttpResponse:
    projects = list(exported_projects().filter(slug=slug))
    if not projects:
        raise Http404
    return _xml(activities_document(projects), f"{slug}-iati.xml")
