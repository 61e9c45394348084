"""What the audit log records about funding programs and their calls (registered in
`FundingConfig.ready()`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    PROGRAM_CREATED = "funding.program_created", _("created a funding program")
    STAFF_ADDED = "funding.staff_added", _("gave someone a role in a program")
    STAFF_REMOVED = "funding.staff_removed", _("took a role in a program away")
    CALL_CREATED = "funding.call_created", _("created a call")
    CALL_UPDATED = "funding.call_updated", _("changed a call")
    CALL_PUBLISHED = "funding.call_published", _("announced a call")
    CALL_OPENED = "funding.call_opened", _("opened a call")
    CALL_CLOSED = "funding.call_closed", _("closed a call")
    CALL_REVIEW_STARTED = "funding.call_review_started", _("started the review of a call")
    CALL_DECIDED = "funding.call_decided", _("recorded the decisions of a call")
    CALL_ARCHIVED = "funding.call_archived", _("archived a call")
    ALERT_SAVED = "funding.alert_saved", _("saved an e-mail alert of new calls")
    ALERT_DELETED = "funding.alert_deleted", _("deleted an e-mail alert of new calls")
    QUESTION_ASKED = "funding.question_asked", _("asked a question about a call")
    QUESTION_ANSWERED = "funding.question_answered", _("answered a question about a call")
    FORM_CHANGED = "funding.form_changed", _("changed the application form of a call")
    APPLICATION_STARTED = "funding.application_started", _("started an application")
    APPLICATION_SAVED = "funding.application_saved", _("worked on an application")
    APPLICATION_SUBMITTED = "funding.application_submitted", _("submitted an application")
    APPLICATION_WITHDRAWN = "funding.application_withdrawn", _("withdrew an application")
    POOL_CHANGED = "funding.pool_changed", _("changed the reviewers of a call")
    REVIEW_ASSIGNED = "funding.review_assigned", _("assigned reviewers")
    REVIEW_UNASSIGNED = "funding.review_unassigned", _("took a reviewer off an application")
    CONFLICT_DECLARED = "funding.conflict_declared", _("declared a conflict of interest, or none")
    REVIEW_SUBMITTED = "funding.review_submitted", _("submitted a review")
    REVIEW_REMINDED = "funding.review_reminded", _("reminded a reviewer")
    DECISION_RECORDED = "funding.decision_recorded", _("recorded a decision on an application")
    AWARD_MADE = "funding.award_made", _("made an award")
    TRANCHE_PAID = "funding.tranche_paid", _("recorded a payment of an award")
    TRANCHE_PAYABLE = "funding.tranche_payable", _("a payment of an award became payable")
    REPORT_SAVED = "funding.report_saved", _("worked on a report")
    REPORT_SUBMITTED = "funding.report_submitted", _("submitted a report")
    REPORT_CHANGES_REQUESTED = "funding.report_changes_requested", _("asked for changes to a report")
    REPORT_ACCEPTED = "funding.report_accepted", _("accepted a report")
    REPORT_REMINDED = "funding.report_reminded", _("reminded a grantee of an overdue report")
