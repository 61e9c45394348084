"""Every write to a network's decisions (to be written)."""


def decisions_close_due() -> int:
    return 0


def decisions_remind() -> int:
    return 0
