"""The forms of a network's own page: creating and changing it, and the list's search."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.core.models import Country, ThematicArea
from birge.networks.networks.models import Kind, Network, Visibility


class NetworkForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("What the network does"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    language = forms.ChoiceField(label=_("Language of these texts"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "A secret network is invisible to everyone but its members: its name, its members and its pages "
            "appear nowhere else, and its address answers “not found” to others."
        ),
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.filter(is_home=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.filter(parent__isnull=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("none"),
        help_text=_("A national hub belongs to a regional coordination body."),
    )

    def __init__(self, *args, parents=None, founders=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents
        if founders is not None:
            self.fields = {
                "founder": forms.ModelChoiceField(
                    label=_("Founding organization"),
                    queryset=founders,
                    empty_label=None,
                    help_text=_("It becomes the network's first member and coordinator."),
                ),
                **self.fields,
            }
