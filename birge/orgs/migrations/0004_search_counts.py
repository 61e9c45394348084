from django.db import migrations, models


class Migration(migrations.Migration):
    """The index sorts "recently updated" by the time of the last public change, has covering indexes of
    its facet columns, and keeps facet counts of the whole directory and of each single filter. The counts
    start empty: the first index write finds them so and has them counted (`birge.orgs.search.counting`)."""

    dependencies = [
        ("orgs", "0003_identity_suspends_verification"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="searchentry",
            name="orgs_searchentry_updated_at",
        ),
        migrations.RenameField(
            model_name="searchentry",
            old_name="updated_at",
            new_name="public_updated_at",
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["public_updated_at"], name="orgs_searchentry_updated"),
        ),
        migrations.RemoveIndex(
            model_name="searchentry",
            name="orgs_searchentry_country",
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["country", "kind", "verified", "languages", "themes"], name="orgs_searchentry_facets"
            ),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["organization", "country", "kind", "verified", "languages", "themes"],
                name="orgs_searchentry_id_facets",
            ),
        ),
        migrations.CreateModel(
            name="SearchCount",
            fields=[
                ("scope", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("total", models.IntegerField()),
                ("counts", models.JSONField(default=dict)),
            ],
        ),
    ]
