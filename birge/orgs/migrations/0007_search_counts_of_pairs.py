from django.db import migrations


class Migration(migrations.Migration):
    """Stored counts now cover pairs of filters too, and a scope without a row counts as empty: the counts
    stored before are dropped, so that readers count for themselves until the next index write queues
    their recount (`counting.recount_search_counts`)."""

    dependencies = [
        ("orgs", "0006_search_codes"),
    ]

    operations = [
        migrations.RunSQL("DELETE FROM orgs_searchcount", reverse_sql=migrations.RunSQL.noop),
    ]
