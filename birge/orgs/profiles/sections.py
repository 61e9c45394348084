"""Sections other apps add to an organization's profile page (its networks, its events), registered in
their `AppConfig.ready()`, so that the directory never imports them.

A section is a template and a function that gives its context for one organization and the person
looking (a `Viewer`), or None when there is nothing to show them; it must apply the app's own visibility
rule, since the profile is public."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProfileSection:
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


# name -> section, shown in `order`
PROFILE_SECTIONS: dict[str, ProfileSection] = {}


def register_profile_section(
    name: str, template: str, context: Callable[[Any, Any], dict | None], *, order: int = 100
) -> None:
    PROFILE_SECTIONS[name] = ProfileSection(template, context, order)


def sections_for(organization, viewer) -> list[tuple[str, dict]]:
    """The (template, context) of each section that has something to show this viewer."""
    shown = []
    for section in sorted(PROFILE_SECTIONS.values(), key=lambda section: section.order):
        context = section.context(organization, viewer)
        if context is not None:
            shown.append((section.template, context))
    return shown
