"""Joint events: Django finds the models of each feature through this module."""

from birge.events.calendars.models import FeedToken
from birge.events.catalog.models import Event
from birge.events.materials.models import Material
from birge.events.registration.models import Registration

__all__ = ["Event", "FeedToken", "Material", "Registration"]
