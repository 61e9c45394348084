"""Asking a question about a call, and the staff's answer to one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.funding.questions.services import MAX_LENGTH


class QuestionForm(PlainTextForm, forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your name is not shown: the answer is published for everyone, without it."),
    )


class AnswerForm(PlainTextForm, forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Reword it if it tells who asked: it is published as it reads here."),
    )
    answer = forms.CharField(
        label=_("Answer"), max_length=MAX_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    published = forms.BooleanField(label=_("Published on the call's page"), required=False, initial=True)
