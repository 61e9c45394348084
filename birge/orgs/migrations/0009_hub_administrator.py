"""Hub administrators become the directory's own table (`orgs.HubAdministrator`) instead of a many-to-many
field on the account (`accounts.User.hub_admin_for`). The rows are copied here, before the accounts
migration that depends on this one removes the old field; going back copies them the other way."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _old_links(apps):
    return apps.get_model("accounts", "User")._meta.get_field("hub_admin_for").remote_field.through


def copy_into_appointments(apps, schema_editor):
    HubAdministrator = apps.get_model("orgs", "HubAdministrator")
    links = _old_links(apps).objects.values_list("user_id", "country_id")
    HubAdministrator.objects.bulk_create(
        [HubAdministrator(user_id=user_id, country_id=country_id) for user_id, country_id in links]
    )


def copy_back(apps, schema_editor):
    Link = _old_links(apps)
    appointments = apps.get_model("orgs", "HubAdministrator").objects.values_list("user_id", "country_id")
    Link.objects.bulk_create(
        [Link(user_id=user_id, country_id=country_id) for user_id, country_id in appointments]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("core", "0004_usage_counts"),
        ("orgs", "0008_search_match"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HubAdministrator",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="appointed on")),
                (
                    "appointed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="appointed by",
                    ),
                ),
                (
                    "country",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hub_appointments",
                        to="core.country",
                        verbose_name="country",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hub_appointments",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "hub administrator",
                "verbose_name_plural": "hub administrators",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "country"), name="one_hub_appointment_per_country"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_into_appointments, copy_back),
    ]
