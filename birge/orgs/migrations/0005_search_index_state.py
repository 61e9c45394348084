from django.db import migrations, models


class Migration(migrations.Migration):
    """Where the index records the folding rules it was built with. An existing index has no record, so the
    first migration run after this one rebuilds it under the current rules (`OrgsConfig.ready`)."""

    dependencies = [
        ("orgs", "0004_search_counts"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchIndexState",
            fields=[
                ("key", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("value", models.CharField(max_length=100)),
            ],
        ),
    ]
