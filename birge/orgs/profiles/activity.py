"""The profile's activity section: what happened lately around the organization (its networks, events and
projects), from the activity feeds every app contributes to (birge.core.activity), each item filtered by
its own app's visibility rule for the person looking."""

from birge.core.activity import feed

# Items the profile shows; the home page shows the whole platform's.
LENGTH = 6


def profile_activity(organization, viewer) -> dict | None:
    if not organization.is_published:
        return None
    items = feed(viewer, scope=organization, limit=LENGTH)
    return {"activity": items} if items else None
