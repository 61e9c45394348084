"""The demo and a single machine: SQLite, in-process tasks, local-memory cache, e-mails to files."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
