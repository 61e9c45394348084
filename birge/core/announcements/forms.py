from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm


class AnnouncementForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
