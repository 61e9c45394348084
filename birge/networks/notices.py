"""The kinds of notification networks send, each with the pages' own rule for who may receive it."""

from django.utils.translation import gettext_lazy as _

from birge.core.notifications.kinds import Delivery, register_notice_kind


def _may_know_admission(user, admission) -> bool:
    # An invitation reaches an organization that is not a member yet: it may know the network it is
    # invited into, even a secret one; anyone else only what the network's own rule allows.
    from birge.networks.permissions import NetworkViewer

    viewer = NetworkViewer.of(user)
    return viewer.may_know(admission.network) or admission.organization_id in viewer.viewer.member_of


def _may_read(user, about) -> bool:
    from birge.networks.permissions import may_read

    return may_read(user, about.network)


def _may_know(user, network) -> bool:
    from birge.networks.permissions import may_know

    return may_know(user, network)


def register() -> None:
    register_notice_kind(
        "networks.admission",
        _("invitations into networks, requests to join yours, and their answers"),
        may_see=_may_know_admission,
    )
    register_notice_kind("networks.membership", _("your organizations' place in networks"), may_see=_may_know)
    register_notice_kind(
        "networks.announcement",
        _("announcements of your networks"),
        default=Delivery.DAILY,
        may_see=_may_read,
    )
    # An urgent alert is what a response network exists for: it goes at once, whatever the digest setting.
    register_notice_kind(
        "networks.alert", _("urgent alerts of your networks"), locked=True, may_see=_may_read
    )
    register_notice_kind(
        "networks.decision",
        _("decisions of your networks: proposals, reminders, outcomes"),
        may_see=_may_read,
    )
    register_notice_kind(
        "networks.discussion",
        _("replies in discussions you take part in, and mentions of your organizations"),
        default=Delivery.DAILY,
        may_see=_may_read,
    )
    register_notice_kind(
        "networks.pledge",
        _("pledges to the needs of your response networks"),
        default=Delivery.DAILY,
        may_see=_may_read,
    )
