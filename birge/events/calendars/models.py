"""The private address of a network's calendar feed: a calendar application cannot sign in, so a member's
feed of a network's events carries a token of its own, which the member can replace (revoking the old)."""

from django.conf import settings
from django.db import models


class FeedToken(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    # The token in the address is an HMAC of this salt with the site's secret key: the database alone does
    # not give anyone the feed, and a new salt revokes the old address.
    salt = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "network"], name="events_feedtoken_one_per_network")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.network}"
