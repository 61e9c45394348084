"""A project's activities on a timeline, drawn on the server as SVG: no script, nothing from elsewhere, a
few hundred bytes. Like `birge.core.charts`, every bar carries its words as text (and a tooltip), and the
page puts the table of the activities beside it, which is the timeline's accessible form."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from birge.projects.plan.models import Activity, ActivityStatus

ROW = 22  # pixels per activity
LABEL = 200  # width of the label column
WIDTH = 640
HEAD = 18  # the line of dates above the bars
# At the labels' 11 px a Cyrillic letter takes about 6.5 px: 26 of them fit the label column.
MAX_LABEL_CHARACTERS = 26


def _shortened(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARACTERS else label[: MAX_LABEL_CHARACTERS - 1] + "…"


def _day(value: dt.date) -> str:
    return date_format(value, "j M Y")


def timeline(
    activities: list[Activity],
    *,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    title: str,
    today: dt.date | None = None,
) -> SafeString:
    """The activities as bars between the project's dates (or the activities' own, where the project has
    none), with a line at `today` when it falls inside. Empty when there is nothing to draw."""
    if not activities:
        return mark_safe("")
    first = min([a.starts_on for a in activities] + ([starts_on] if starts_on else []))
    last = max([a.ends_on for a in activities] + ([ends_on] if ends_on else []))
    days = max((last - first).days + 1, 1)
    room = WIDTH - LABEL - 10
    height = HEAD + ROW * len(activities) + 4

    def x(day: dt.date) -> int:
        return LABEL + round((day - first).days * room / days)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="timeline-t" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeline-t">{escape(title)}</title>',
        f'<text x="{LABEL}" y="12">{escape(_day(first))}</text>',
        f'<text x="{WIDTH - 10}" y="12" text-anchor="end">{escape(_day(last))}</text>',
    ]
    for row, activity in enumerate(activities):
        y = HEAD + row * ROW + 2
        start, end = x(activity.starts_on), x(activity.ends_on + dt.timedelta(days=1))
        faded = ' fill-opacity="0.35"' if activity.status == ActivityStatus.DROPPED else ""
        words = f"{activity.title}: {_day(activity.starts_on)} – {_day(activity.ends_on)}"
        label = escape(_shortened(activity.title))
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + 15}" text-anchor="end" font-size="11">{label}</text>'
            f'<rect x="{start}" y="{y + 3}" width="{max(end - start, 2)}" height="{ROW - 8}"{faded}>'
            f"<title>{escape(words)}</title></rect>"
        )
    if today is not None and first <= today <= last:
        at = x(today)
        parts.append(
            f'<line x1="{at}" y1="{HEAD - 2}" x2="{at}" y2="{height}" stroke="currentColor" '
            f'stroke-dasharray="3 3"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
