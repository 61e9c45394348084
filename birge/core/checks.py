"""What services check of the texts people type: trimmed, within a length, present when required, and free
of control characters. Each check adds its messages to `errors` (field -> messages), so that a service
reports every problem of a form at once in one ValidationError. Networks and projects use them; an app adds
its own checks beside them (projects: amounts and periods)."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from birge.core.validators import validate_multi_line, validate_single_line


def _checked(
    validator: Callable[[str], None], errors: dict, field: str, value: str, *, limit: int, required: str
) -> str:
    value = (value or "").strip()
    if required and not value:
        errors.setdefault(field, []).append(required)
    elif len(value) > limit:
        errors.setdefault(field, []).append(_("Keep it under %(count)d characters.") % {"count": limit})
    try:
        validator(value)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
    return value


def line(errors: dict, field: str, value: str, *, limit: int, required: str = "") -> str:
    """A one-line text; `required` is the message when it is empty (empty: it may be)."""
    return _checked(validate_single_line, errors, field, value, limit=limit, required=required)


def text(errors: dict, field: str, value: str, *, limit: int, required: str = "") -> str:
    """A text of several lines."""
    return _checked(validate_multi_line, errors, field, value, limit=limit, required=required)
