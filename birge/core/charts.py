"""Bar charts drawn on the server as SVG: a few hundred bytes of markup, no script, no library on the page.

Our own small module rather than a charting library: the pages need one kind of chart (labelled
horizontal bars), must stay within a 14 KB page, and must be readable without colour — every bar carries
its number as text, and each page puts the table of the numbers beside the chart. A library would bring
styles, scripts or fonts we would then have to strip.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 22  # pixels per bar
LABEL = 170  # width of the label column
WIDTH = 480
MAX_LABEL_CHARACTERS = 26


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def _shortened(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARACTERS else label[: MAX_LABEL_CHARACTERS - 1] + "…"


def bar_chart(bars: list[Bar], *, title: str, chart_id: str) -> SafeString:
    """A horizontal bar chart of `bars`, titled `title` for screen readers (the table beside it is the
    accessible form of its numbers). Empty when there is nothing to draw."""
    if not bars:
        return mark_safe("")
    top = max(bar.value for bar in bars) or 1
    room = WIDTH - LABEL - 60
    height = ROW * len(bars) + 4
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-t" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    for row, bar in enumerate(bars):
        y = row * ROW + 2
        length = max(1, round(bar.value * room / top)) if bar.value else 0
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + 15}" text-anchor="end">{escape(_shortened(bar.label))}</text>'
            f'<rect x="{LABEL}" y="{y + 3}" width="{length}" height="{ROW - 8}"/>'
            f'<text x="{LABEL + length + 4}" y="{y + 15}">'
            f"{escape(number_format(bar.value, use_l10n=True, force_grouping=True))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
