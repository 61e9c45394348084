"""Production: PostgreSQL, Redis, task workers, HTTPS. SECRET_KEY and ALLOWED_HOSTS must be given."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BEHIND_PROXY, env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this instance answers to.")
DEBUG = False
if not env_str("REDIS_URL"):
    # Several app servers behind a load balancer must share login throttling and one-time codes; the
    # embedded database cache would put every page's cache traffic on PostgreSQL.
    raise ImproperlyConfigured("REDIS_URL must be set in production (redis://host:6379/0).")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
