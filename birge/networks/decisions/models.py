"""Decisions of a network: a proposal, how members answer it, until when, and what was decided.

One vote per member organization, cast by a person who speaks for it and changeable until the close. An
anonymous decision keeps which organization voted (so that each votes once) but never shows who chose
what, to anyone; that cannot be switched off once on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DecisionKind(models.TextChoices):
    CONSENT = "consent", _("consent or objection")
    YES_NO = "yes_no", _("yes, no or abstain")
    ONE_OPTION = "one_option", _("choose one option")
    OPTIONS = "options", _("choose one or several options")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", pgettext_lazy("decision status", "closed")


class Answer(models.TextChoices):
    """The answers of consent and yes/no decisions (option decisions answer with options)."""

    CONSENT = "consent", _("I consent")
    OBJECT = "object", _("I object")
    STAND_ASIDE = "stand_aside", _("I stand aside")
    YES = "yes", _("yes")
    NO = "no", _("no")
    ABSTAIN = "abstain", _("abstain")


ANSWERS = {
    DecisionKind.CONSENT: (Answer.CONSENT, Answer.OBJECT, Answer.STAND_ASIDE),
    DecisionKind.YES_NO: (Answer.YES, Answer.NO, Answer.ABSTAIN),
}


class Decision(models.Model):
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(_("title"), max_length=200)
    proposal = models.TextField(_("proposal"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=DecisionKind.choices, default=DecisionKind.CONSENT
    )
    closes_at = models.DateTimeField(_("closes"), db_index=True)
    anonymous = models.BooleanField(_("anonymous voting"), default=False)
    results_hidden = models.BooleanField(_("results hidden until the close"), default=False)
    # A decision may adopt a version of the charter: on a closing that carries it, that version is adopted.
    charter_version = models.ForeignKey(
        "networks.CharterVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("charter version to adopt"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    carried = models.BooleanField(_("carried"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True)

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == DecisionStatus.OPEN

    @property
    def has_options(self) -> bool:
        return self.kind in (DecisionKind.ONE_OPTION, DecisionKind.OPTIONS)


class Option(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("option"), max_length=200)

    class Meta:
        ordering = ["decision", "position"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.label


class Vote(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    # Who cast it; emptied when the decision is anonymous, so that not even the database says who chose what.
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, blank=True)
    options = models.ManyToManyField(Option, blank=True, related_name="votes")
    comment = models.TextField(_("comment"), blank=True)
    cast_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "organization"], name="one_vote_per_organization")
        ]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.decision} — {self.organization}"
