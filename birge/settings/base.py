"""Settings shared by every mode. Values that differ between machines come from the environment."""

from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_count, env_database, env_int, env_list, env_redis_url, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
# Everything a running instance writes: the SQLite database, uploads, collected static files, demo e-mails.
VAR_DIR = Path(env_str("BIRGE_VAR_DIR", str(BASE_DIR / "var"))).resolve()

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# How many reverse proxies stand in front of the app (0: clients connect directly). Only then is the client
# address read from X-Forwarded-For, the Nth entry from the right, which the outermost of them wrote;
# anything left of it the client may have sent itself (birge.core.client_address).
BEHIND_PROXY = env_count("BEHIND_PROXY", 0)

INSTALLED_APPS = [
    "modeltranslation",  # before admin, so translated fields show there
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Birge's apps before allauth, so that their templates override allauth's.
    "birge.core",
    "birge.accounts",
    "birge.orgs",
    "birge.funding",
    "birge.networks",
    "birge.events",
    "birge.projects",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "birge.core.compression.CompressionMiddleware",  # Brotli or gzip on the wire, in every mode
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "birge.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "birge.core.middleware.LiteModeMiddleware",
    "birge.core.middleware.TimezoneMiddleware",
]

ROOT_URLCONF = "birge.urls"
WSGI_APPLICATION = "birge.wsgi.application"

# An app laid out by feature keeps each feature's templates beside its code
# (birge/<app>/<feature>/templates/),
# where APP_DIRS does not look; their names still start with the app's label ("orgs/claims/claim.html").
FEATURE_TEMPLATE_DIRS = sorted((BASE_DIR / "birge").glob("*/*/templates"))

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": FEATURE_TEMPLATE_DIRS,
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "birge.core.context_processors.shell",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'birge.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_REDIS_URL = env_redis_url("REDIS_URL")
if _REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": _REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "birge"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    # Shared by every worker process, unlike local memory: login throttling and "this TOTP code was used"
    # must hold across gunicorn workers. The database cache over the file cache: its `add` is atomic (the
    # table's primary key), which allauth's locks rely on, and it writes faster (bench/cache_backends.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "birge_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Background work. "immediate" runs a task in the request that queued it (demo, tests);
# "database" queues it for `birge worker` (production).
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_MODE = env_str("TASKS_BACKEND", "immediate")
if TASKS_MODE not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_MODE!r}: use 'immediate' or 'database'.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_MODE]}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# django-allauth: e-mail is the login; no usernames anywhere.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Birge: "
ACCOUNT_ADAPTER = "birge.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "birge.accounts.forms.SignupExtraForm"
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
# Failed logins are throttled per address and per account (allauth counts them in the cache).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Birge"

LANGUAGE_CODE = "ru"
# Native names: a reader looks for their own language in the switcher, written as they write it.
LANGUAGES = [
    ("ru", "Русский"),
    ("en", "English"),
    ("kk", "Қазақша"),
    ("ky", "Кыргызча"),
    ("tg", "Тоҷикӣ"),
    ("tk", "Türkmençe"),
    ("az", "Azərbaycanca"),
    ("uz", "Oʻzbekcha"),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "birge" / "locale"]
LANGUAGE_COOKIE_NAME = "birge_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"

MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
# Where Russian is still the common second language it is the first fallback; elsewhere English.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("ru", "en"),
    "en": ("ru",),
    "tk": ("en", "ru"),
    "az": ("en", "ru"),
    "uz": ("ru", "en"),
}

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media"))).resolve()
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private"))).resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Never under MEDIA_URL: read only through views that check permission.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 7 * 24 * 3600

# E-mail leaves through a background task; the task hands it to BIRGE_EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "birge.core.mail.TaskEmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Birge <noreply@birge.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = VAR_DIR / "mail"
BIRGE_EMAIL_DELIVERY_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
# Seconds between attempts when delivery fails for a reason that may pass (server down, "try again later").
BIRGE_EMAIL_RETRY_DELAYS = [60, 600, 3600]
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive; set one of them.")

# A strict policy in every mode, so that development finds what production would block.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # A nonce only on pages that inline our own CSS or script (the application form, for speed).
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # data: for the TOTP QR code that allauth renders inline
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "birge.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Directory exports (CSV/XLSX of up to 5,000 rows) per address an hour, or per signed-in user.
EXPORT_RATE_LIMIT_ANONYMOUS = env_str("EXPORT_RATE_LIMIT_ANONYMOUS", "20/h")
EXPORT_RATE_LIMIT = env_str("EXPORT_RATE_LIMIT", "120/h")

BIRGE_PAGE_SIZE = 20
# The read API's limits (birge.core.api): per client address without a session, per user with one.
BIRGE_API_RATES = {"anonymous": "120/m", "user": "600/m"}
BIRGE_SITE_NAME = "Birge"
# Where e-mails point people back to; the address users reach the platform at.
BIRGE_SITE_URL = env_str("BIRGE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The local hour (in each person's time zone) from which their daily and Monday's weekly digest go out.
BIRGE_DIGEST_HOUR = env_int("BIRGE_DIGEST_HOUR", 7)

# The register's open data. Each prefix ends up inside every identifier published, so a site registers its
# own before it publishes (a 360Giving prefix with 360Giving; an OCID prefix, "ocds-" and six letters or
# digits, with the Open Contracting Partnership) and never changes it after. The defaults are placeholders
# of the right form.
BIRGE_360G_PREFIX = env_str("BIRGE_360G_PREFIX", "360G-birge")
BIRGE_OCID_PREFIX = env_str("BIRGE_OCID_PREFIX", "ocds-birge0")
BIRGE_OPEN_DATA_LICENSE = env_str("BIRGE_OPEN_DATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

SILENCED_SYSTEM_CHECKS: list[str] = []
