"""The steps of creating and editing an organization. They validate the shape of input; the rules
between fields live in the services, whose ValidationErrors `apply_errors` puts back on the form next to
the right field."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.core.models import Country, Region, ThematicArea
from birge.orgs.profiles import identifiers
from birge.orgs.profiles.fields import TRANSLATED, VISIBILITY_SETTINGS, with_settings
from birge.orgs.profiles.models import BudgetBand, Kind, LegalForm, Organization, Status

LANGUAGE_CHOICES = settings.LANGUAGES


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region: Region) -> str:
        return f"{region.name} ({region.country.code})"


def theme_choices() -> list:
    """Broad areas as groups, each offering itself and its sub-areas."""
    areas = list(ThematicArea.objects.all())
    children: dict[int, list[ThematicArea]] = {}
    for area in areas:
        if area.parent_id:
            children.setdefault(area.parent_id, []).append(area)
    return [
        (
            area.name,
            [(area.slug, area.name), *((child.slug, child.name) for child in children.get(area.pk, []))],
        )
        for area in areas
        if area.parent_id is None
    ]


class BasicsForm(PlainTextForm, forms.Form):
    """Step 1: what the organization is and where. Names are entered in the language chosen here."""

    kind = forms.ChoiceField(label=_("Kind of organization"), choices=Kind.choices)
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        choices=[("", _("— not applicable —")), *LegalForm.choices],
        required=False,
        help_text=_("For civil-society organizations and government bodies."),
    )
    original_language = forms.ChoiceField(
        label=_("Language you write the profile in"), choices=LANGUAGE_CHOICES
    )
    name = forms.CharField(label=_("Full name"), max_length=255)
    acronym = forms.CharField(label=_("Acronym"), max_length=32, required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), to_field_name="code")
    region = RegionChoiceField(
        label=_("Region"),
        queryset=Region.objects.select_related("country").filter(country__is_home=True),
        to_field_name="code",
        required=False,
    )
    founded_year = forms.IntegerField(
        label=_("Founding year"), min_value=1800, max_value=2100, required=False
    )
    identifier = forms.CharField(
        label=_("Identifier"),
        max_length=64,
        required=False,
        help_text=_(
            "The registration number with its org-id.guide prefix, e.g. KZ-BIN-123456789012, "
            "TJ-TIN-123456789, AZ-IVI-1234567890. Leave empty if there is no register: the platform "
            "will issue an identifier."
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, initial=Status.ACTIVE)

    def clean_identifier(self) -> str:
        """Its format, checked here too so that it is reported with the other mistakes of the form; the
        service checks it again, and that no other organization holds it. An identifier the platform
        issued comes back unchanged and is not re-checked."""
        value = self.cleaned_data["identifier"].strip()
        if value and value != self.initial.get("identifier"):
            identifiers.normalize_identifier(value)
        return value

    @classmethod
    def for_organization(cls, organization: Organization, data=None) -> BasicsForm:
        language = organization.original_language
        return cls(
            data,
            initial={
                "kind": organization.kind,
                "legal_form": organization.legal_form,
                "original_language": language,
                "name": getattr(organization, f"name_{language}") or organization.name,
                "acronym": getattr(organization, f"acronym_{language}") or "",
                "country": organization.country.code,
                "region": organization.region.code if organization.region_id else "",
                "founded_year": organization.founded_year,
                "identifier": organization.identifier or "",
                "status": organization.status,
            },
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        language = data["original_language"]
        return {
            "kind": data["kind"],
            "legal_form": data["legal_form"],
            "original_language": language,
            f"name_{language}": data["name"],
            f"acronym_{language}": data["acronym"],
            "country": data["country"],
            "region": data["region"],
            "founded_year": data["founded_year"],
            "identifier": data["identifier"].strip() or None,
            "status": data["status"],
        }


class AboutForm(PlainTextForm, forms.Form):
    """Step 2: what the organization does, in its original language."""

    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    offers = forms.CharField(
        label=_("We can share"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Expertise, premises, equipment, volunteers, contacts."),
    )
    needs = forms.CharField(
        label=_("We look for"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Partners, funding, training, expertise."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Thematic areas"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("A broad area, or the sub-areas you work on."),
    )
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["themes"].choices = theme_choices()

    @classmethod
    def for_organization(cls, organization: Organization, data=None) -> AboutForm:
        language = organization.original_language
        return cls(
            data,
            language=language,
            initial={
                **{
                    name: getattr(organization, f"{name}_{language}") or ""
                    for name in ("description", "offers", "needs")
                },
                "themes": [theme.slug for theme in organization.themes.all()],
                "working_languages": organization.working_languages,
            },
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {f"{name}_{self.language}": data[name] for name in ("description", "offers", "needs")}
        fields["working_languages"] = list(data["working_languages"])
        return fields

    def chosen_themes(self) -> list[ThematicArea]:
        return list(ThematicArea.objects.filter(slug__in=self.cleaned_data["themes"]))


class VisibilityStepForm(PlainTextForm, forms.ModelForm):
    """A step that sets fields and who sees them: the model gives each setting its field and label."""

    @property
    def visibility_names(self) -> list[str]:
        return [name for name in self.fields if name in VISIBILITY_SETTINGS]


class ContactsForm(VisibilityStepForm):
    website = forms.URLField(
        label=capfirst(_("website")), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Organization
        fields = ["website", "email", *with_settings("phone", "address", "staff_contacts")]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}


class CapacityForm(VisibilityStepForm):
    budget_band = forms.ChoiceField(
        label=_("Annual budget"), choices=[("", _("— not stated —")), *BudgetBand.choices], required=False
    )

    class Meta:
        model = Organization
        fields = with_settings("staff_counts", "budget", "funding", "passport")


class TranslationForm(PlainTextForm, forms.Form):
    """The texts in one more language; empty fields fall back to another language on the page."""

    name = forms.CharField(label=_("Full name"), max_length=255, required=False)
    acronym = forms.CharField(label=_("Acronym"), max_length=32, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    offers = forms.CharField(
        label=_("We can share"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    needs = forms.CharField(label=_("We look for"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    @classmethod
    def for_organization(cls, organization: Organization, language: str, data=None) -> TranslationForm:
        initial = {name: getattr(organization, f"{name}_{language}") or "" for name in TRANSLATED}
        return cls(data, language=language, initial=initial)

    def service_fields(self) -> dict:
        return {f"{name}_{self.language}": self.cleaned_data[name] for name in TRANSLATED}


class LogoForm(PlainTextForm, forms.Form):
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_("PNG, JPEG or WebP, at most 2 MB. It is re-encoded and its metadata removed."),
    )
