"""The demo and a single machine: SQLite, tasks run in-process, local-memory cache, e-mails written to files."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
