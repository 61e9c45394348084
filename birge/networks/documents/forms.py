"""The forms of documents: a new document with its first file, and a new version. What a file may be is
the service's rule (birge.core.uploads)."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.core.uploads import ACCEPTED_KINDS_TEXT, max_document_bytes
from birge.networks.documents.services import MAX_DESCRIPTION, MAX_NOTE, MAX_TITLE

ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.odt"


class _WithFile(PlainTextForm, forms.Form):
    file = forms.FileField(label=_("File"), widget=forms.FileInput(attrs={"accept": ACCEPT}))
    note = forms.CharField(label=_("What changed"), max_length=MAX_NOTE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("%(kinds)s, at most %(size)s.") % {
            "kinds": ACCEPTED_KINDS_TEXT,
            "size": filesizeformat(max_document_bytes()),
        }


class DocumentForm(_WithFile):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_DESCRIPTION,
        required=False,
    )

    field_order = ["title", "description", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]  # the first version needs no note of what changed


class VersionForm(_WithFile):
    pass
