"""Where other apps plug into the shell's pages and into the life of an account (export, deletion), so
that core and accounts never import them (apps depend on core, not the other way round). Each app
registers in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# name -> function giving the number shown on the home page under that name
HOME_COUNTERS: dict[str, Callable[[], int]] = {}


def register_home_counter(name: str, count: Callable[[], int]) -> None:
    HOME_COUNTERS[name] = count


# Account lifecycle ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeletionBlocker:
    """Why an account cannot be deleted yet, and where its owner fixes that: `links` are (label, URL)."""

    reason: str
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class AccountHooks:
    """What an app holds about a person, for their data export and the deletion of their account.

    - `export(user)` gives JSON-ready data for the export, under the app's name;
    - `blockers(user)` says what must be done before the account may go (empty: nothing);
    - `erase(user, addresses)` runs inside the deletion's transaction, before the user row is deleted:
      it deletes or anonymizes every row and file of the app that names the person, by account or by any
      of their e-mail `addresses` (lower-case). Files are deleted with `transaction.on_commit`.
    """

    export: Callable[[Any], dict] | None = None
    blockers: Callable[[Any], list[DeletionBlocker]] | None = None
    erase: Callable[[Any, set[str]], None] | None = None


# app label -> its hooks
ACCOUNT_HOOKS: dict[str, AccountHooks] = {}


def register_account_hooks(app_label: str, hooks: AccountHooks) -> None:
    ACCOUNT_HOOKS[app_label] = hooks
