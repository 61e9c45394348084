"""People. An account is an e-mail address; there are no usernames."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

DELETED_USER_EMAIL = "deleted-user@birge.invalid"


class AccountManager(UserManager):
    def _create_user(self, email, password, **extra_fields):  # noqa: D401 - Django's hook
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def time_zone_choices() -> list[tuple[str, str]]:
    # The region's zones first, where most users are; then every other zone.
    first = [
        "Asia/Almaty",
        "Asia/Aqtobe",
        "Asia/Bishkek",
        "Asia/Dushanbe",
        "Asia/Ashgabat",
        "Asia/Baku",
        "Asia/Tashkent",
        "Europe/Moscow",
        "UTC",
    ]
    rest = sorted(zoneinfo.available_timezones() - set(first))
    return [(zone, zone.replace("_", " ")) for zone in first + rest]


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"), max_length=120, blank=True, help_text=_("How others see you on the platform.")
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = AccountManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_deleted_placeholder(self) -> bool:
        return self.email == DELETED_USER_EMAIL
