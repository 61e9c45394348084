"""What the alerts page reads: a person's alerts, each with its filters in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from birge.core.choices import reference_choices
from birge.funding.alerts.models import CallAlert
from birge.funding.alerts.services import alert_filters, alert_values
from birge.funding.programs.models import Applicant, Mechanism


@dataclass(frozen=True)
class AlertRow:
    alert: CallAlert
    words: list[str]  # each filter, said in the reader's language
    query: str  # the list's query string that shows the same search


def alerts_of(user) -> list[AlertRow]:
    """`user`'s alerts, newest first. The names come from the cached reference choices: one query for the
    alerts, whatever their number."""
    reference = reference_choices()
    names = {
        "country": {code: name for code, name, _home in reference.countries},
        "region": {code: name for code, name, _country in reference.regions},
        "theme": {slug: name for slug, name, _parent in reference.areas},
        "mechanism": dict(Mechanism.choices),
        "applicant": dict(Applicant.choices),
    }
    rows = []
    for alert in CallAlert.objects.filter(user=user).order_by("-created_at", "-id"):
        values = alert_values(alert_filters(alert.filters))
        rows.append(AlertRow(alert, in_words(values, names), urlencode(values)))
    return rows


def in_words(values: dict[str, str], names: dict[str, dict]) -> list[str]:
    """The filters of an alert as a reader says them: "country: Kazakhstan", "closing by 1 March 2027"."""
    labels = {
        "country": _("country: %(value)s"),
        "region": _("region: %(value)s"),
        "mechanism": _("mechanism: %(value)s"),
        "theme": _("thematic area: %(value)s"),
        "applicant": _("who applies: %(value)s"),
    }
    words = [
        labels[name] % {"value": names[name].get(values[name], values[name])}
        for name in labels
        if name in values
    ]
    if "amount" in values:
        value = Decimal(values["amount"])
        places = 0 if value == value.to_integral_value() else 2
        amount = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
        words.append(_("a grant of %(amount)s") % {"amount": amount})
    if "closes_before" in values:
        closing = date_format(date.fromisoformat(values["closes_before"]), "j E Y")
        words.append(_("closing by %(date)s") % {"date": closing})
    return words or [_("every new call")]
