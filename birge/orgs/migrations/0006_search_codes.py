from django.db import migrations, models


class Migration(migrations.Migration):
    """The entries' facets as integers, for counting. Existing entries hold zeros until the index is
    rebuilt: forgetting how it was built makes the end of this migration run rebuild it
    (`indexing.rebuild_after_migrate`)."""

    dependencies = [
        ('orgs', '0005_search_index_state'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('facet', models.CharField(max_length=16)),
                ('value', models.CharField(max_length=80)),
                ('code', models.SmallIntegerField()),
            ],
        ),
        migrations.RemoveIndex(
            model_name='searchentry',
            name='orgs_searchentry_facets',
        ),
        # They served counting by strings, one column at a time.
        migrations.RemoveIndex(
            model_name='searchentry',
            name='orgs_searchentry_languages',
        ),
        migrations.RemoveIndex(
            model_name='searchentry',
            name='orgs_searchentry_themes',
        ),
        migrations.RemoveIndex(
            model_name='searchentry',
            name='orgs_searchentry_id_facets',
        ),
        migrations.AddField(
            model_name='searchentry',
            name='facet_key',
            field=models.IntegerField(default=0),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='language_bits',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='theme_bits',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['country', 'kind', 'verified', 'facet_key', 'language_bits', 'theme_bits'], name='orgs_searchentry_facets'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['organization', 'country', 'kind', 'verified', 'facet_key', 'language_bits', 'theme_bits'], name='orgs_searchentry_id_facets'),
        ),
        migrations.AddConstraint(
            model_name='searchcode',
            constraint=models.UniqueConstraint(fields=('facet', 'value'), name='orgs_searchcode_value'),
        ),
        migrations.AddConstraint(
            model_name='searchcode',
            constraint=models.UniqueConstraint(fields=('facet', 'code'), name='orgs_searchcode_code'),
        ),
        migrations.RunSQL(
            "DELETE FROM orgs_searchindexstate WHERE key = 'folding'", reverse_sql=migrations.RunSQL.noop
        ),
    ]
