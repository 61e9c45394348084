"""The directory's filter options, rendered in Python: a page lists some 170 of them, and the template
engine spent more time on them than the search took."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()
SELECTED = mark_safe(" selected")


@register.simple_tag
def filter_options(options, selected) -> str:
    """`<option>`s for a filter's values: the count where the search gave one, sub-entries indented."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (
                option.value,
                SELECTED if option.value == selected else "",
                _label(option),
            )
            for option in options
        ),
    )


def _label(option) -> str:
    if option.indent:
        return f"— {option.label}"
    if option.count is None:
        return option.label
    return f"{option.label} ({intcomma(option.count)})"
