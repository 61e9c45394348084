"""The settings page: one choice per kind a person may choose for."""

from django import forms

from birge.core.forms import PlainTextForm
from birge.core.notifications.kinds import NOTICE_KINDS, Delivery


class NoticePreferencesForm(PlainTextForm, forms.Form):
    def __init__(self, *args, user, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key, kind in NOTICE_KINDS.items():
            if not kind.locked and kind.offered_to(user):
                self.fields[key] = forms.ChoiceField(
                    label=kind.description, choices=Delivery.choices, initial=current[key]
                )
