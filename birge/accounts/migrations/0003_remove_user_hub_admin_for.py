"""Hub administrators moved to the directory (`orgs.HubAdministrator`): the orgs migration this depends on
copied the rows first, so the field goes only once they are safe."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("orgs", "0009_hub_administrator"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="user",
            name="hub_admin_for",
        ),
    ]
