"""The forms of discussions: a new thread, a reply, an edit. Their rules (lengths, who may write in whose
name) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.networks.discussions.services import MAX_BODY, MAX_TITLE

MARKDOWN_HELP = _(
    "Markdown: **bold**, _italic_, [link](https://…), lists with “-”. Mention a member organization "
    "with @ and its address, e.g. @its-address."
)


def _body_field(label) -> forms.CharField:
    # A little over the service's limit, so that its message (with the length) is the one people read.
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_BODY + 1000,
        help_text=MARKDOWN_HELP,
    )


class _InNameOf(PlainTextForm, forms.Form):
    organization = forms.ModelChoiceField(label=_("In the name of"), queryset=None, empty_label=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations
        choices = list(organizations[:2])
        if len(choices) == 1:
            # One organization: nothing to choose.
            field.widget = forms.HiddenInput()
            field.initial = choices[0].pk


class ThreadForm(_InNameOf):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = _body_field(_("Text"))

    field_order = ["title", "body", "organization"]


class ReplyForm(_InNameOf):
    body = _body_field(_("Your reply"))

    field_order = ["body", "organization"]


class PostEditForm(PlainTextForm, forms.Form):
    body = _body_field(_("Text"))
