"""What the charter pages and exports read: the current version (the newest), the version in force (the
one adopted last), the history, one version's actions as a reader may see them, and the comparison of two
versions section by section, word by word."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from birge.networks.charter.models import SECTIONS, Action, CharterVersion
from birge.networks.membership.models import NetworkMembership
from birge.networks.networks.models import Network
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.visibility import LocalizedText, localized

# Words, runs of spaces and single signs: a comparison marks a changed word, not the whole line.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def current_version(network: Network) -> CharterVersion | None:
    """The newest version, adopted or not."""
    return CharterVersion.objects.filter(network=network).order_by("-number").first()


def adopted_version(network: Network) -> CharterVersion | None:
    """The version in force: the one a decision adopted last."""
    return (
        CharterVersion.objects.filter(network=network, adopted_at__isnull=False)
        .order_by("-adopted_at", "-number")
        .first()
    )


def versions_of(network: Network):
    """Every version, the newest first, with who saved it."""
    return CharterVersion.objects.filter(network=network).select_related("created_by").order_by("-number")


def version_numbers(network: Network) -> list[int]:
    numbers = CharterVersion.objects.filter(network=network).order_by("-number")
    return list(numbers.values_list("number", flat=True))


def version_or_404(network: Network, number: int) -> CharterVersion:
    version = CharterVersion.objects.filter(network=network, number=number).order_by().first()
    if version is None:
        raise Http404
    return version


@dataclass(frozen=True)
class ActionRow:
    title: str
    owner: LocalizedText | None  # None when there is none, or when this reader may not see the organization
    owner_url: str
    due_on: object
    status: str
    status_label: str


def action_rows(versions: list[CharterVersion], viewer: NetworkViewer) -> dict[int, list[ActionRow]]:
    """The actions of each of `versions` (by version id), in one query. An owner whose profile is not
    published is named only to its own members, as the network's list of members does."""
    mine = viewer.viewer.member_of
    rows: dict[int, list[ActionRow]] = {version.pk: [] for version in versions}
    actions = Action.objects.filter(version__in=[version.pk for version in versions]).select_related("owner")
    for action in actions.order_by("version_id", "position", "pk"):
        owner = action.owner
        shown = owner is not None and (owner.published_at is not None or owner.pk in mine)
        rows[action.version_id].append(
            ActionRow(
                title=action.title,
                owner=localized(owner, "name") if shown else None,
                owner_url=owner.get_absolute_url() if shown else "",
                due_on=action.due_on,
                status=action.status,
                status_label=action.get_status_display(),
            )
        )
    return rows


def owner_choices(network: Network) -> list[tuple[int, str]]:
    """The member organizations an action may belong to, as (id, name in the page's language)."""
    rows = NetworkMembership.objects.filter(network=network).select_related("organization")
    choices = [(row.organization_id, str(localized(row.organization, "name"))) for row in rows]
    return sorted(choices, key=lambda choice: choice[1].casefold())


def sections_of(version: CharterVersion) -> list[tuple[str, str, str]]:
    """(name, label, text) of each section, in the charter's order."""
    return [(name, str(label), getattr(version, name)) for name, label in SECTIONS]


# Comparing two versions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionDiff:
    name: str
    label: str
    left: SafeString  # the older side, with what the other side lost in <del>
    right: SafeString  # the other side, with what it added in <ins>
    changed: bool


def _html(tokens: list[str]) -> str:
    return escape("".join(tokens))


def _words(old: str, new: str) -> tuple[str, str, bool]:
    """One line against another, word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    left, right = [], []
    changed = False
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(_html(a[i1:i2]))
            right.append(_html(b[j1:j2]))
            continue
        changed = True
        if i2 > i1:
            left.append(f"<del>{_html(a[i1:i2])}</del>")
        if j2 > j1:
            right.append(f"<ins>{_html(b[j1:j2])}</ins>")
    return "".join(left), "".join(right), changed


def _whole(line: str, tag: str) -> str:
    return f"<{tag}>{escape(line)}</{tag}>" if line else ""


def diff_words(old: str, new: str) -> tuple[SafeString, SafeString, bool]:
    """`old` and `new` as HTML: lines are matched first, then the words of a changed line, so that a new
    paragraph or action reads as one insertion. What only `old` has is in <del> on the left, what only
    `new` has in <ins> on the right; line breaks are kept."""
    a, b = old.split("\n"), new.split("\n")
    left: list[str] = []
    right: list[str] = []
    changed = False
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.extend(escape(line) for line in a[i1:i2])
            right.extend(escape(line) for line in b[j1:j2])
            continue
        changed = True
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for old_line, new_line in zip(a[i1 : i1 + pairs], b[j1 : j1 + pairs], strict=True):
            old_html, new_html, _changed = _words(old_line, new_line)
            left.append(old_html)
            right.append(new_html)
        left.extend(_whole(line, "del") for line in a[i1 + pairs : i2])
        right.extend(_whole(line, "ins") for line in b[j1 + pairs : j2])
    return mark_safe("<br>".join(left)), mark_safe("<br>".join(right)), changed  # noqa: S308 (escaped)


def _actions_text(rows: list[ActionRow]) -> str:
    """The actions as lines of text, one per action, so that they compare as the sections do."""
    lines = []
    for row in rows:
        parts = [row.title, str(row.owner) if row.owner else "—"]
        parts.append(row.due_on.isoformat() if row.due_on else "—")
        parts.append(row.status_label)
        lines.append(" · ".join(parts))
    return "\n".join(lines)


def compare(left: CharterVersion, right: CharterVersion, viewer: NetworkViewer) -> list[SectionDiff]:
    """Each section of the two versions side by side, then their actions, one line per action."""
    result = []
    for name, label in SECTIONS:
        old, new, changed = diff_words(getattr(left, name), getattr(right, name))
        result.append(SectionDiff(name, str(label), old, new, changed))
    rows = action_rows([left, right], viewer)
    old, new, changed = diff_words(_actions_text(rows[left.pk]), _actions_text(rows[right.pk]))
    result.append(SectionDiff("actions", _("Actions"), old, new, changed))
    return result


MAX_NUMBER_DIGITS = 9


def version_number(value: str | None) -> int | None:
    """A version number from a query string, or None for anything that is not one."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_NUMBER_DIGITS:
        return None
    return int(value)


def two_versions(network: Network, numbers: tuple[int, int]) -> tuple[CharterVersion, CharterVersion] | None:
    """The two versions `numbers` name (in that order), in one query; None if either does not exist."""
    rows = CharterVersion.objects.filter(network=network, number__in=set(numbers)).order_by()
    found = {version.number: version for version in rows}
    if numbers[0] not in found or numbers[1] not in found:
        return None
    return found[numbers[0]], found[numbers[1]]
