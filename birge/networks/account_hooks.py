"""What the networks app holds about a person, for their data export. Deleting an account needs nothing
of its own here: every row that names a person keeps the text but loses the name (the foreign keys are
SET_NULL), and a network's members are organizations, not people."""

from django.utils.translation import gettext_lazy as _

from birge.core.registry import AccountHooks


def export(user) -> dict:
    from birge.networks.discussions.models import Post
    from birge.networks.response.models import Pledge

    posts = Post.objects.filter(author=user).select_related("thread__network").order_by("created_at")
    pledges = Pledge.objects.filter(person=user, organization__isnull=True).select_related("need")
    return {
        "posts": [
            {
                "network": post.thread.network.name,
                "discussion": post.thread.title,
                "written": post.created_at.isoformat(),
                "text": post.body,
            }
            for post in posts
        ],
        "pledges": [
            {
                "need": pledge.need.title,
                "quantity": str(pledge.quantity),
                "unit": pledge.need.unit,
                "note": pledge.note,
            }
            for pledge in pledges
        ],
    }


HOOKS = AccountHooks(
    export=export,
    exported=_("what you wrote in networks' discussions and what you pledged yourself"),
    erased=_("your name on what you wrote in networks' discussions, your votes and your pledges"),
)
