"""The forms of the catalog: an event's own form (creating and changing it), cancelling it with a reason,
and its follow-up. They check the shape of input; the rules (the end after the start, the link for an
online event, who may) are the services'."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.core.models import Country, ThematicArea
from birge.events.catalog.models import ZONES, Audience, Format, Kind
from birge.events.catalog.reads import event_zone, zone_of
from birge.events.catalog.services import FIELDS

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
WALL_CLOCK = ("starts_at", "ends_at", "registration_closes_at")


class WallClockField(forms.DateTimeField):
    """A time as read on the clock where the event happens: kept naive here, and placed in the event's
    own zone by the form once the zone is known (Django would read it in the organizer's zone)."""

    input_formats = [LOCAL_FORMAT, "%Y-%m-%d %H:%M"]

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        for pattern in self.input_formats:
            try:
                return datetime.strptime(str(value).strip(), pattern)  # noqa: DTZ007 (placed by the form)
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def prepare_value(self, value):
        return value.replace(tzinfo=None) if isinstance(value, datetime) else value


class EventForm(PlainTextForm, forms.Form):
    # Required by the services, which say so in their own words.
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.WORKSHOP)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
        help_text=_("The programme, who it is for, what to prepare. Markdown: **bold**, lists, links."),
    )
    language = forms.ChoiceField(
        label=_("Language of these texts"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    time_zone = forms.ChoiceField(label=_("Time zone of the event"), choices=ZONES, initial="Asia/Almaty")
    starts_at = WallClockField(
        label=_("Starts"), required=False, help_text=_("On the clock where the event happens.")
    )
    ends_at = WallClockField(label=_("Ends"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=Format.choices, initial=Format.OFFLINE, widget=forms.RadioSelect
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(is_home=True),
        required=False,
        empty_label=_("none (online)"),
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    venue = forms.CharField(
        label=_("Venue"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("The address and how to find the room; for an event in person."),
    )
    online_url = forms.URLField(
        label=_("Link to join online"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to the organizers and to confirmed participants."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.filter(parent__isnull=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audience = forms.ChoiceField(
        label=_("Who may see it"), choices=Audience.choices, initial=Audience.ANYONE, widget=forms.RadioSelect
    )
    capacity = forms.IntegerField(
        label=_("Places"), required=False, help_text=_("Empty: as many as register.")
    )
    registration_closes_at = WallClockField(label=_("Registration closes"), required=False)
    ask_dietary = forms.BooleanField(label=_("Ask about dietary needs"), required=False)
    ask_interpretation = forms.BooleanField(
        label=_("Ask which interpretation language is needed"), required=False
    )
    ask_accessibility = forms.BooleanField(label=_("Ask about accessibility needs"), required=False)
    certificates = forms.BooleanField(label=_("Certificates of attendance"), required=False)

    def __init__(self, *args, organizations=None, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is None:
            return
        # Creating: who organizes it comes first.
        chosen = {
            "organizers": forms.ModelMultipleChoiceField(
                label=_("Organizing organizations"),
                queryset=organizations,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("Organizations you speak for (owner or editor) whose profile is published."),
            ),
            "network": forms.ModelChoiceField(
                label=_("Organizing network"),
                queryset=networks,
                required=False,
                empty_label=_("none"),
                help_text=_("A network you coordinate: its coordinators manage the event too."),
            ),
        }
        only = list(organizations[:2])
        if len(only) == 1 and not self.is_bound:
            self.initial.setdefault("organizers", only)
        self.fields = {**chosen, **self.fields}

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            # Each time typed is placed on the clock of the event's zone.
            tz = zone_of(zone)
            for name in WALL_CLOCK:
                if data.get(name) is not None:
                    data[name] = timezone.make_aware(data[name], tz)
        return data

    @staticmethod
    def initial_of(event) -> dict:
        """The form's values for `event`, its times on its own clock."""
        tz = event_zone(event)
        values = {field: getattr(event, field) for field in FIELDS}
        for name in WALL_CLOCK:
            if values[name] is not None:
                values[name] = timezone.localtime(values[name], tz).replace(tzinfo=None)
        return values | {"themes": list(event.themes.all())}


class CancelForm(PlainTextForm, forms.Form):
    reason = forms.CharField(
        label=_("Why the event is cancelled"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Everyone who registered or waits for a place is told, with these words."),
    )


class FollowUpForm(PlainTextForm, forms.Form):
    follow_up = forms.CharField(
        label=_("Follow-up"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        required=False,
        help_text=_("What came of the event: decisions, next steps, thanks. Markdown allowed."),
    )
