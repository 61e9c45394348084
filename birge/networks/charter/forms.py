"""The coordinators' form of the charter: a text area per section, a note on what changed, and a table of
actions (the saved rows and a few empty ones for new actions; empty rows are left out). It works without
JavaScript: the number of rows and the version the editor started from travel as hidden fields.

The form checks the shape of what was typed; which owner may hold an action and whether a newer version
was saved meanwhile are the service's rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.forms import PlainTextForm, date_input
from birge.networks.charter.models import SECTIONS, ActionStatus
from birge.networks.charter.services import MAX_ACTIONS, MAX_NOTE, MAX_SECTION, MAX_TITLE

# Empty rows offered for new actions below the saved ones.
EXTRA_ROWS = 3
ACTION_FIELDS = ("title", "owner", "due_on", "status")
HELP = {
    "purpose": gettext_lazy("Why the network exists, in a few sentences."),
    "goals": gettext_lazy("What the network wants to change in the long run."),
    "objectives": gettext_lazy("What it will have done, and by when."),
    "governance": gettext_lazy("Who decides what: the members, the coordinator, the committee."),
    "membership_rules": gettext_lazy("How organizations join, leave and are removed."),
    "communication_policy": gettext_lazy(
        "Languages, digital safety, and what may be published and what never is."
    ),
}


def rows_in(data) -> int:
    """How many action rows a submitted form holds (its hidden `rows`), within bounds."""
    value = str(data.get("rows") or "")
    count = int(value) if value.isascii() and value.isdigit() and len(value) < 4 else 0
    return max(0, min(count, MAX_ACTIONS + EXTRA_ROWS))


class CharterForm(PlainTextForm, forms.Form):
    base_number = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    rows = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("What changed"),
        required=False,
        max_length=MAX_NOTE,
        help_text=gettext_lazy("One line for the history of versions."),
    )

    def __init__(self, *args, owners: list[tuple[int, str]], rows: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_errors: dict[str, list[str]] = {}
        self.row_count = rows
        sections = {}
        for name, label in SECTIONS:
            sections[name] = forms.CharField(
                label=label,
                required=name == "purpose",
                max_length=MAX_SECTION,
                help_text=HELP[name],
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        self.fields = {**sections, **self.fields}
        self.fields["rows"].initial = rows
        owner_choices = [("", _("no owner yet")), *[(str(pk), name) for pk, name in owners]]
        for n in range(rows):
            number = {"number": n + 1}
            self.fields[f"a-{n}-title"] = forms.CharField(
                label=_("Action %(number)s") % number, required=False, max_length=MAX_TITLE
            )
            self.fields[f"a-{n}-owner"] = forms.ChoiceField(
                label=_("Owner of action %(number)s") % number, choices=owner_choices, required=False
            )
            self.fields[f"a-{n}-due_on"] = forms.DateField(
                label=_("Action %(number)s is due") % number, required=False, widget=date_input()
            )
            self.fields[f"a-{n}-status"] = forms.ChoiceField(
                label=_("Status of action %(number)s") % number,
                choices=ActionStatus.choices,
                initial=ActionStatus.PLANNED,
                required=False,
            )

    @staticmethod
    def initial_for(version, actions, *, rows: int) -> dict:
        """The form's starting values from a saved version and its actions (model rows)."""
        initial: dict = {"base_number": version.number if version else 0, "rows": rows}
        for name, _label in SECTIONS:
            initial[name] = getattr(version, name) if version else ""
        for n, action in enumerate(actions):
            initial[f"a-{n}-title"] = action.title
            initial[f"a-{n}-owner"] = str(action.owner_id) if action.owner_id else ""
            initial[f"a-{n}-due_on"] = action.due_on
            initial[f"a-{n}-status"] = action.status
        return initial

    def section_fields(self):
        return [self[name] for name, _label in SECTIONS]

    def action_rows(self):
        for n in range(self.row_count):
            yield n + 1, [self[f"a-{n}-{name}"] for name in ACTION_FIELDS]

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name, _label in SECTIONS}

    def actions(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "title": data.get(f"a-{n}-title") or "",
                "owner": int(data[f"a-{n}-owner"]) if data.get(f"a-{n}-owner") else None,
                "due_on": data.get(f"a-{n}-due_on"),
                "status": data.get(f"a-{n}-status") or ActionStatus.PLANNED,
            }
            for n in range(self.row_count)
        ]
