"""The passport's forms. Plain forms, not ModelForms: the services compare the old values with the new ones
for the audit log and check every upload's content, so a form only parses what was typed."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm, date_input
from birge.core.uploads import ACCEPTED_KINDS_TEXT, KINDS
from birge.orgs.passport.models import Passport, PassportAudit, PassportFinancialYear, PassportPolicy
from birge.orgs.passport.services import SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS
from birge.orgs.passport.status import financial_year_choices
from birge.orgs.profiles.models import Organization

CURRENCIES = ["USD", "EUR", "KZT", "KGS", "TJS", "TMT", "AZN", "UZS"]
DOCUMENT_HELP = format_lazy(
    _("{kinds}, at most 10 MB. A new file replaces the one stored."), kinds=ACCEPTED_KINDS_TEXT
)
AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": 0, "initial": 0}


# Only a hint for the browser's file picker; the content is what the services check.
ACCEPT = ",".join(kind.extension for kind in KINDS.values())


def document_field(label) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=DOCUMENT_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


def initial_from(instance, names: list[str]) -> dict:
    return {name: getattr(instance, name) for name in names} if instance is not None else {}


class RegistrationForm(PlainTextForm, forms.Form):
    registration_number = forms.CharField(label=_("Registration number"), max_length=64, required=False)
    registration_date = forms.DateField(label=_("Registration date"), required=False, widget=date_input())
    registration_authority = forms.CharField(label=_("Registering authority"), max_length=255, required=False)
    registration_document = document_field(_("Registration certificate"))
    charter_document = document_field(_("Charter"))

    @classmethod
    def for_passport(cls, passport: Passport | None, data=None, files=None) -> RegistrationForm:
        names = ["registration_number", "registration_date", "registration_authority"]
        return cls(data, files, initial=initial_from(passport, names))


class GovernanceForm(PlainTextForm, forms.Form):
    board = forms.CharField(
        label=_("Board or governing body"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One person a line: name and position."),
    )
    key_staff = forms.CharField(
        label=_("Key staff"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One person a line: name and position."),
    )

    @classmethod
    def for_passport(cls, passport: Passport | None, data=None) -> GovernanceForm:
        return cls(data, initial=initial_from(passport, ["board", "key_staff"]))


class FinancialYearForm(PlainTextForm, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    currency = forms.ChoiceField(label=_("Currency"), choices=[(code, code) for code in CURRENCIES])
    income_foreign = forms.DecimalField(label=_("Income from foreign grants"), **AMOUNT)
    income_state = forms.DecimalField(label=_("Income from state funding"), **AMOUNT)
    income_membership = forms.DecimalField(label=_("Income from membership fees"), **AMOUNT)
    income_business = forms.DecimalField(label=_("Income from business"), **AMOUNT)
    income_individual = forms.DecimalField(label=_("Income from individual donations"), **AMOUNT)
    income_other = forms.DecimalField(label=_("Other income"), **AMOUNT)
    expenditure = forms.DecimalField(label=_("Expenditure"), **AMOUNT)
    audited = forms.BooleanField(label=_("The accounts of this year were audited"), required=False)
    report_document = document_field(_("Financial report"))

    FIELDS = ["currency", *PassportFinancialYear.AMOUNT_FIELDS, "audited"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in financial_year_choices()]

    @classmethod
    def for_year(
        cls, year: int, row: PassportFinancialYear | None, data=None, files=None
    ) -> FinancialYearForm:
        return cls(data, files, initial={"year": year, **initial_from(row, cls.FIELDS)})


class PolicyForm(PlainTextForm, forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=date_input())
    document = document_field(_("Policy document"))

    @classmethod
    def for_policy(cls, policy: PassportPolicy | None, data=None, files=None) -> PolicyForm:
        return cls(data, files, initial=initial_from(policy, ["adopted_on"]))


class AuditForm(PlainTextForm, forms.Form):
    year = forms.IntegerField(label=_("Year audited"), min_value=1990)
    auditor = forms.CharField(label=_("Auditor"), max_length=255)
    opinion = forms.CharField(
        label=_("Opinion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: unqualified, qualified (with the reason), adverse."),
    )
    document = document_field(_("Audit report"))

    @classmethod
    def for_audit(cls, audit: PassportAudit | None, data=None, files=None) -> AuditForm:
        return cls(data, files, initial=initial_from(audit, ["year", "auditor", "opinion"]))


def find_organization(text: str) -> Organization | None:
    """The organization named by its address on Birge (a full link or the last part of it) or by its
    identifier (e.g. KZ-BIN-123456789012)."""
    text = text.strip()
    if "/" in text:
        parts = [part for part in urlsplit(text).path.split("/") if part]
        # …/orgs/<slug>/ or …/orgs/<slug>/passport/: the part after "orgs".
        text = parts[parts.index("orgs") + 1] if "orgs" in parts[:-1] else (parts[-1] if parts else "")
    if not text:
        return None
    compact = "".join(text.split())  # identifiers are copied from certificates with spaces in them
    return (
        Organization.objects.filter(slug=text.lower()).first()
        # Stored identifiers are canonical, mostly upper case: exact matches keep to the unique index.
        or Organization.objects.filter(Q(identifier=compact) | Q(identifier=compact.upper())).first()
    )


class ShareForm(PlainTextForm, forms.Form):
    funder = forms.CharField(
        label=_("Funder"),
        max_length=300,
        help_text=_(
            "The funder's address on Birge (copy it from its profile page) or its identifier, "
            "for example KZ-BIN-123456789012."
        ),
    )
    expires_on = forms.DateField(
        label=_("Shared until"), widget=date_input(), help_text=_("At most one year from today.")
    )

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"expires_on": today + timedelta(days=SHARE_DEFAULT_DAYS)})
        super().__init__(*args, **kwargs)
        # The browser's date picker offers only the dates the service accepts.
        self.fields["expires_on"].widget.attrs.update(
            {"min": today.isoformat(), "max": (today + timedelta(days=SHARE_MAX_DAYS)).isoformat()}
        )

    def clean_funder(self) -> Organization:
        try:
            organization = find_organization(self.cleaned_data["funder"])
        except ValueError:  # urlsplit refuses e.g. "http://[::1/orgs/x" (an unclosed IPv6 address)
            raise forms.ValidationError(
                _(
                    "This link is broken. Copy it again from the funder's profile page, "
                    "or give its identifier."
                ),
                code="malformed",
            ) from None
        if organization is None or not organization.is_published:
            # One message for both: whether an unpublished draft exists is nobody else's business.
            raise forms.ValidationError(
                _("No published organization has this address or identifier."), code="not_found"
            )
        return organization
