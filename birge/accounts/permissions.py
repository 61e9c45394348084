"""Who may do what to an account. Plain functions, used by services, views and templates alike."""


def can_manage_account(actor, user) -> bool:
    """Only the person themself manages their profile, data export and deletion."""
    return bool(actor is not None and actor.is_authenticated and actor.pk == user.pk and user.is_active)
