"""The read API under /api/v1/: the platform's public data as JSON, described at /api/v1/openapi.json.

Requests carry no token yet (a later issue adds tokens for integrations); a signed-in browser session sees
what its user sees on the site, through the same visibility rules. No interactive docs page: it would load
scripts from a third-party CDN.
"""

from django.conf import settings
from ninja import NinjaAPI

from birge.core.api import throttles

api = NinjaAPI(
    title="Birge",
    version="1",
    description="Public data of Birge: organizations of civil society, government bodies and donors of "
    "Azerbaijan, Kazakhstan, Kyrgyzstan, Tajikistan and Turkmenistan. Texts come in the language of the "
    "Accept-Language header (ru, en, kk, ky, tg, tk, az, uz), with every written version under "
    "`translations`. Limits: {anonymous} per address without a session, {user} per user with one; past "
    "them the answer is 429 with `Retry-After`.".format(**settings.BIRGE_API_RATES),
    docs_url=None,
    urls_namespace="api",
    throttle=throttles(),
)
api.add_router("/organizations/", "birge.orgs.api.router")
api.add_router("/calls/", "birge.funding.api.router")
api.add_router("/register/", "birge.funding.register.api.router")
api.add_router("/networks/", "birge.networks.api.router")
api.add_router("/events/", "birge.events.api.router")
api.add_router("/projects/", "birge.projects.api.router")
