from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied

from birge.core.client_address import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new account starts in the language the person signed up in.
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        if language in settings.LANGUAGE_CODES:
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def get_client_ip(self, request):
        # The failed-login limit counts per address as the API does, trusting X-Forwarded-For only as far
        # as BEHIND_PROXY says (allauth's own reading has a setting of its own that could disagree).
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address
