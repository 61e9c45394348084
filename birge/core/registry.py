"""Where other apps plug into the shell's pages and into the life of an account (export, deletion), so
that core and accounts never import them (apps depend on core, not the other way round). Each app
registers in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Navigation -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MenuEntry:
    """A link of the header's main menu. `label` is translatable (gettext_lazy); `url_name` takes no
    arguments. Entries for everyone come first, then, for signed-in people only, theirs; each group in
    `order` (lower first; core's own Search link is at 900, after the apps' directories)."""

    label: str
    url_name: str
    order: int = 100
    signed_in_only: bool = False


# URL name -> its entry
MENU: dict[str, MenuEntry] = {}


def register_menu_entry(label: str, url_name: str, *, order: int = 100, signed_in_only: bool = False) -> None:
    MENU[url_name] = MenuEntry(label, url_name, order, signed_in_only)


@dataclass(frozen=True)
class SearchElsewhere:
    """A link on the site's search page to an app's own search, carrying the query: `label` is
    translatable and holds "%(query)s"; the link goes to `url_name` with the query as `parameter`."""

    label: str
    url_name: str
    parameter: str = "q"
    order: int = 100


# URL name -> its link
SEARCH_ELSEWHERE: dict[str, SearchElsewhere] = {}


def register_search_elsewhere(label: str, url_name: str, *, parameter: str = "q", order: int = 100) -> None:
    SEARCH_ELSEWHERE[url_name] = SearchElsewhere(label, url_name, parameter, order)


@dataclass(frozen=True)
class HomeCounter:
    """A number on the home page, shown before core's own: `count()` gives it (keep it one cheap query),
    `label(number)` the words after it (a plural, e.g. npgettext with the context "home counter"), and
    `url_name`, if any, the page the number links to."""

    count: Callable[[], int]
    label: Callable[[int], str]
    url_name: str = ""


# name -> its counter, shown in the order registered
HOME_COUNTERS: dict[str, HomeCounter] = {}


def register_home_counter(
    name: str, count: Callable[[], int], label: Callable[[int], str], *, url_name: str = ""
) -> None:
    HOME_COUNTERS[name] = HomeCounter(count, label, url_name)


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
      of their e-mail `addresses` (lower-case). Files are deleted with `transaction.on_commit`;
    - `exported` and `erased` tell the person, on the export and deletion pages, what the app's part of
      the export holds and what the deletion removes: an item of a list, in the words of the person's
      own things (gettext_lazy; "your memberships and ...", lower-case, no full stop).
    """

    export: Callable[[Any], dict] | None = None
    blockers: Callable[[Any], list[DeletionBlocker]] | None = None
    erase: Callable[[Any, set[str]], None] | None = None
    exported: str = ""
    erased: str = ""


# app label -> its hooks
ACCOUNT_HOOKS: dict[str, AccountHooks] = {}


def register_account_hooks(app_label: str, hooks: AccountHooks) -> None:
    ACCOUNT_HOOKS[app_label] = hooks


# Hourly work ------------------------------------------------------------------------------------------------

# name -> what to run once an hour (`birge hourly`, from cron or a timer): sending the digests that are due,
# opening and closing calls on time. Each must be safe to run twice and to miss a run.
HOURLY: dict[str, Callable[[], Any]] = {}


def register_hourly(name: str, job: Callable[[], Any]) -> None:
    HOURLY[name] = job
