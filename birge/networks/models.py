"""Networks of organizations: Django finds the models of each feature through this module."""

from birge.networks.announcements.models import Announcement
from birge.networks.charter.models import Action, CharterVersion
from birge.networks.decisions.models import Decision, Option, Vote
from birge.networks.discussions.models import Post, Thread
from birge.networks.documents.models import Document, DocumentVersion
from birge.networks.membership.models import Admission, NetworkMembership
from birge.networks.networks.models import Network
from birge.networks.response.models import Incident, Need, Pledge

__all__ = [
    "Action",
    "Admission",
    "Announcement",
    "CharterVersion",
    "Decision",
    "Document",
    "DocumentVersion",
    "Incident",
    "Need",
    "Network",
    "NetworkMembership",
    "Option",
    "Pledge",
    "Post",
    "Thread",
    "Vote",
]
