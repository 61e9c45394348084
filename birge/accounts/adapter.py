from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new account starts in the language the person signed up in.
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        if language in settings.LANGUAGE_CODES:
            user.language = language
        return super().save_user(request, user, form, commit=commit)
