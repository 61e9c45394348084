"""What the applicant's pages read: their own applications only."""

from __future__ import annotations

from birge.funding.applications.models import Application


def own_applications(user):
    return (
        Application.objects.filter(owner=user)
        .select_related("call", "call__program", "organization", "decision")
        .order_by("-updated_at", "-id")
    )


def own_application(user, pk: int) -> Application | None:
    """The application, if `user` owns it; None for anyone else (the page answers 404, not 403)."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(pk=pk, owner=user)
        .select_related(
            "call__program__operator", "form", "organization", "country", "region", "lot", "decision"
        )
        .first()
    )
