from modeltranslation.translator import TranslationOptions, register

from birge.orgs.profiles.fields import TRANSLATED
from birge.orgs.profiles.models import Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = tuple(TRANSLATED)
