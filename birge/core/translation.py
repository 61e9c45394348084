from modeltranslation.translator import TranslationOptions, register

from .models import Country, Region, ThematicArea


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(ThematicArea)
class ThematicAreaTranslation(TranslationOptions):
    fields = ("name",)
