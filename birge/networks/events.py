"""What the audit log records about networks (registered in `NetworksConfig.ready()`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    NETWORK_CREATED = "networks.created", _("created a network")
    NETWORK_CHANGED = "networks.changed", _("changed a network")
    NETWORK_CLOSED = "networks.closed", _("closed a network")
    INVITED = "networks.invited", _("invited an organization into a network")
    INVITATION_ANSWERED = "networks.invitation_answered", _("answered an invitation into a network")
    JOIN_REQUESTED = "networks.join_requested", _("asked to join a network")
    JOIN_ANSWERED = "networks.join_answered", _("answered a request to join a network")
    ADMISSION_WITHDRAWN = "networks.admission_withdrawn", _("withdrew an invitation or a request to join")
    ROLE_CHANGED = "networks.role_changed", _("changed a member's role in a network")
    MEMBER_LEFT = "networks.member_left", _("left a network")
    MEMBER_REMOVED = "networks.member_removed", _("removed a member from a network")
    CHARTER_SAVED = "networks.charter_saved", _("saved a version of a charter")
    CHARTER_ADOPTED = "networks.charter_adopted", _("adopted a charter")
    THREAD_STARTED = "networks.thread_started", _("started a discussion")
    POST_ADDED = "networks.post_added", _("replied in a discussion")
    POST_EDITED = "networks.post_edited", _("edited a post")
    DOCUMENT_ADDED = "networks.document_added", _("added a document")
    DOCUMENT_VERSION_ADDED = "networks.document_version_added", _("added a version of a document")
    ANNOUNCED = "networks.announced", _("posted an announcement")
    ALERTED = "networks.alerted", _("sent an urgent alert")
    DECISION_PROPOSED = "networks.decision_proposed", _("proposed a decision")
    VOTED = "networks.voted", _("voted")
    VOTE_CHANGED = "networks.vote_changed", _("changed a vote")
    DECISION_REMINDED = "networks.decision_reminded", _("reminded members to vote")
    DECISION_CLOSED = "networks.decision_closed", _("closed a decision")
    DECISION_MADE_ANONYMOUS = "networks.decision_anonymous", _("made a decision's voting anonymous")
    DECISION_OUTCOME_RECORDED = "networks.decision_outcome", _("recorded a decision's outcome")
    INCIDENT_CHANGED = "networks.incident_changed", _("changed an incident's description")
    NEED_ADDED = "networks.need_added", _("listed a need")
    NEED_CHANGED = "networks.need_changed", _("changed a need")
    PLEDGED = "networks.pledged", _("pledged help")
    INCIDENT_CLOSED = "networks.incident_closed", _("closed the response to an incident")
