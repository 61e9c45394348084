"""The form of a material: a title, a file or a link, and who may see it. What each may be is the
service's rule (birge.core.uploads for files)."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.core.uploads import ACCEPTED_KINDS_TEXT, max_document_bytes
from birge.events.materials.models import Audience
from birge.events.materials.services import MAX_TITLE, MAX_URL

ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.odt"


class MaterialForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    file = forms.FileField(label=_("File"), required=False, widget=forms.FileInput(attrs={"accept": ACCEPT}))
    # A text field, not a URLField: the service says what a link must be (https), in its own words.
    url = forms.CharField(
        label=_("Or a link"),
        max_length=MAX_URL + 100,
        required=False,
        help_text=_("A recording or a folder elsewhere, starting with https://."),
        widget=forms.TextInput(attrs={"inputmode": "url"}),
    )
    audience = forms.ChoiceField(
        label=_("Who may see it"), choices=Audience.choices, initial=Audience.ANYONE, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("%(kinds)s, at most %(size)s.") % {
            "kinds": ACCEPTED_KINDS_TEXT,
            "size": filesizeformat(max_document_bytes()),
        }
