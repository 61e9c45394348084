"""The directory's search index: one row per published organization, kept by `birge.orgs.search`.

Only public fields reach the index. The filter and facet columns are copies of the organization's, so a
search with facets reads this one narrow table and never joins the wide profile table or the theme links.
The text itself lives beside it, in a form each engine searches fast: an FTS5 table on SQLite and a
`document tsvector` column on PostgreSQL (both created by migration 0002_search, not declared here,
because neither has a portable field type).
"""

from django.conf import settings
from django.db import models

# Counting reads the facets as small integers (see `SearchCode`): country, kind and verification packed in
# `facet_key`, the sets of languages and broad areas as bit masks. The filters read country, kind and
# verification, so the covering indexes hold them too.
FACET_COLUMNS = ("country", "kind", "verified", "facet_key", "language_bits", "theme_bits")


def index_name(column: str) -> str:
    """The name of the entry's index of one column (Django allows 30 characters)."""
    return "orgs_searchentry_updated" if column == "public_updated_at" else f"orgs_searchentry_{column}"


class OrganizationKey(models.OneToOneField):
    """The entry's primary key and link to its organization. On SQLite its column is declared `integer`
    (not `bigint`), which makes it the table's rowid: the FTS table's rowid then finds the entry in one
    b-tree lookup, and every index of the entry carries the organization id for free."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class SearchEntry(models.Model):
    organization = OrganizationKey(
        "orgs.Organization", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    country = models.CharField(max_length=2)  # Country.code
    region = models.CharField(max_length=24, blank=True)  # Region.code
    kind = models.CharField(max_length=16)
    verified = models.BooleanField(default=False)
    # The organization's `public_updated_at`: "recently updated" must not reveal a members-only edit.
    public_updated_at = models.DateTimeField()
    # The sets as one sorted, space-padded string (" kk ru "), read by the stored counts and by the count of
    # a small result, which groups a thousand rows at most.
    languages = models.CharField(max_length=100, blank=True)
    themes = models.CharField(max_length=600, blank=True)  # broad areas' slugs only
    # The same facets as integers, what counting a large result groups by (grouping 16,000 rows by
    # strings costs several times as much): see `birge.orgs.search.codes`.
    facet_key = models.IntegerField(default=0)
    language_bits = models.BigIntegerField(default=0)
    theme_bits = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "search entry"
        # Plain b-tree indexes (db_index on a CharField would add a second, LIKE-pattern index on PostgreSQL
        # that nothing here uses). The sort_<code> fields are added below.
        indexes = [
            models.Index(fields=[name], name=index_name(name))
            for name in (
                "region",
                "kind",
                "verified",
                "public_updated_at",
                *(f"sort_{code}" for code in settings.LANGUAGE_CODES),
            )
        ] + [
            # Covering indexes of the facet columns (the first also serves the country filter): counting a
            # large result reads these narrow indexes, by filter or by the organizations a text search
            # found, instead of the wide rows.
            models.Index(fields=list(FACET_COLUMNS), name="orgs_searchentry_facets"),
            models.Index(fields=["organization", *FACET_COLUMNS], name="orgs_searchentry_id_facets"),
        ]

    def __str__(self) -> str:
        return f"search entry {self.pk}"


# One sort key per interface language: the name as that language shows it (with modeltranslation's
# fallbacks), lowercase, so "sort by name" reads an index instead of sorting the whole directory.
for _code in settings.LANGUAGE_CODES:
    SearchEntry.add_to_class(f"sort_{_code}", models.CharField(max_length=100, blank=True))


class SearchTag(models.Model):
    """What the filters select on: "t:<slug>" for each thematic area and its broad area, "l:<code>" for
    each working language. A filter is an index lookup here, whatever else the query asks."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="tags")
    tag = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["tag", "entry"], name="orgs_searchtag_tag_entry")]

    def __str__(self) -> str:
        return self.tag


class SearchCode(models.Model):
    """The number of each facet value in the entries' integer facets (`facet_key`, `language_bits`,
    `theme_bits`): assigned by the index write that first meets the value, under the writers' lock, and
    never changed until a rebuild numbers the values in use afresh, so a new theme or country shifts no
    other value's bit."""

    facet = models.CharField(max_length=16)  # "country", "kind", "language" or "theme"
    value = models.CharField(max_length=80)
    code = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="orgs_searchcode_value"),
            models.UniqueConstraint(fields=["facet", "code"], name="orgs_searchcode_code"),
        ]

    def __str__(self) -> str:
        return f"{self.facet} {self.value}: {self.code}"


class SearchCount(models.Model):
    """Facet counts of the whole directory (scope ""), of each single filter ("country:KZ", "region:KZ-75",
    "kind:cso", "theme:health", "language:ru", "verified:1") and of each pair of them
    ("country:KZ&theme:health"), kept exact by every index write (see `birge.orgs.search.counting`): the
    pages a visitor browses to are counted without a scan, even on a cold cache and in every process. A
    scope without a row has no organization. The row of scope "" is also the lock index writers take, and
    its `total` is -1 while the counts are being recounted, when readers count for themselves."""

    scope = models.CharField(max_length=100, primary_key=True)
    total = models.IntegerField()  # organizations in scope
    counts = models.JSONField(default=dict)  # {"country": {"KZ": 120, ...}, "kind": ..., "theme": ...}

    def __str__(self) -> str:
        return f"{self.scope or 'directory'}: {self.total}"


class SearchWord(models.Model):
    """The vocabulary: every skeleton word of four letters or more in the index, where a misspelled query
    word finds the words one letter away. Words are added as documents are indexed and dropped only by a
    rebuild; a stale word costs at most a wasted alternative or a missed correction, never a wrong result."""

    # Found by their start and end: on PostgreSQL through the unique index's LIKE-pattern twin and an index
    # of reversed words (migration 0002_search), on SQLite through a trigram FTS5 table.
    word = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.word


class SearchIndexState(models.Model):
    """How the index was built, one fact a row: under "folding", the version of the folding rules
    (`transliteration.FOLDING_VERSION`). An index built under other rules is rebuilt by the next migration
    run (`indexing.rebuild_index_if_stale`), as no cache could tell."""

    key = models.CharField(max_length=40, primary_key=True)
    value = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"
