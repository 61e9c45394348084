"""The form of an announcement; its rules are the service's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.networks.announcements.services import MAX_BODY, MAX_TITLE


class AnnouncementForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        # A little over the service's limit, so that its message (with the length) is the one people read.
        max_length=MAX_BODY + 1000,
        help_text=_("Markdown: **bold**, _italic_, [link](https://…), lists with “-”."),
    )
    urgent = forms.BooleanField(
        label=_("Urgent alert: e-mail it to every member at once"),
        required=False,
        help_text=_(
            "For what cannot wait for the daily digest. An announcement reaches each person as they chose."
        ),
    )
