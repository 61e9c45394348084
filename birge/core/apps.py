from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "birge.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .choices import forget_reference_choices
        from .models import Country, Region, ThematicArea

        for model in (Country, Region, ThematicArea):
            post_save.connect(
                forget_reference_choices, sender=model, dispatch_uid=f"choices-{model.__name__}"
            )
            post_delete.connect(
                forget_reference_choices, sender=model, dispatch_uid=f"choices-{model.__name__}"
            )
