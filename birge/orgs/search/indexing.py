"""Keeping the index in step with the profiles. Services call `index_organizations` after every write
(on commit), and after deleting an organization; `rebuild_index` starts over, and every migration run does
so by itself when the folding rules changed since the index was built (`rebuild_index_if_stale`). Each
write changes the stored facet counts in its own transaction (`counting.Tally`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from birge.orgs.profiles.models import Organization, OrganizationQuerySet
from birge.orgs.search import codes, counting
from birge.orgs.search.engines import engine
from birge.orgs.search.entries import FIELDS, build_document
from birge.orgs.search.models import SearchEntry, SearchIndexState, SearchTag, SearchWord
from birge.orgs.search.transliteration import FOLDING_VERSION

BATCH = 1000


def _batches(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def index_organizations(ids: Iterable[int]) -> None:
    """(Re)index these organizations: published ones are written, drafts and deleted ones dropped."""
    unique = sorted({int(pk) for pk in ids if pk is not None})
    for batch in _batches(unique):
        _index_batch(batch)


def _themes(ids: list[int]) -> dict[int, list[tuple[str, str | None]]]:
    links = Organization.themes.through.objects.filter(organization_id__in=ids).values_list(
        "organization_id", "thematicarea__slug", "thematicarea__parent__slug"
    )
    themes: dict[int, list[tuple[str, str | None]]] = {}
    for pk, slug, parent in links:
        themes.setdefault(pk, []).append((slug, parent))
    return themes


def _index_batch(ids: list[int]) -> None:
    # A plain queryset: these are column names already, with no translation to resolve.
    rows = OrganizationQuerySet(Organization).filter(pk__in=ids, published_at__isnull=False).values(*FIELDS)
    themes = _themes(ids)
    documents = [build_document(row, themes.get(row["pk"], [])) for row in rows]
    written = {doc.pk: counting.document_facets(doc.entry, doc.tags) for doc in documents}
    with transaction.atomic(), connection.cursor() as cursor:
        tally = counting.Tally.begin(cursor, ids)
        codes.assign(cursor, documents)
        SearchTag.objects.filter(entry_id__in=ids).delete()
        SearchEntry.objects.filter(pk__in=[pk for pk in ids if pk not in written]).delete()
        engine().write(cursor, documents, ids)
        tally.finish(cursor, ids, written)
    # Now, and again after the commit: a reader between the two may have cached counts of the old index
    # under the new generation.
    counting.invalidate()
    transaction.on_commit(counting.invalidate)


@transaction.atomic
def rebuild_index() -> int:
    """Index every published organization afresh; returns how many. Readers see the old index until the
    new one is committed."""
    with connection.cursor() as cursor:
        engine().clear(cursor)
        engine().prepare_bulk(cursor)
        codes.clear(cursor)
        for model in (SearchTag, SearchEntry, SearchWord):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
    counting.reset_empty()  # then each batch adds its organizations to the stored counts
    ids = list(Organization.objects.published().order_by("pk").values_list("pk", flat=True))
    index_organizations(ids)
    with connection.cursor() as cursor:
        engine().optimize(cursor)
    _record_folding()
    return len(ids)


FOLDING = "folding"  # the SearchIndexState key


def _record_folding() -> None:
    SearchIndexState.objects.update_or_create(key=FOLDING, defaults={"value": FOLDING_VERSION})


def built_with() -> str | None:
    """The version of the folding rules the index was built with; None for an index built before versions
    were recorded."""
    return SearchIndexState.objects.filter(key=FOLDING).values_list("value", flat=True).first()


def rebuild_index_if_stale() -> int | None:
    """Rebuild the index if it was built under other folding rules than the current ones: its words would
    no longer meet the queries' skeletons. Returns how many organizations were indexed, or None if the
    index was current. An empty directory only records the rules."""
    if built_with() == FOLDING_VERSION:
        return None
    if not SearchEntry.objects.exists() and not Organization.objects.published().exists():
        _record_folding()
        return 0
    return rebuild_index()


def rebuild_after_migrate(*, using: str, verbosity: int = 1, stdout=None, **_signal) -> None:
    """The post_migrate receiver (see `OrgsConfig.ready`): `birge migrate` and `birge demo` bring an index
    built under older folding rules up to date. Not part-way through the migrations, when the tables may be
    behind the models, nor on another database than the one the index lives in."""
    tables = connection.introspection.table_names()
    if using != DEFAULT_DB_ALIAS or SearchIndexState._meta.db_table not in tables:
        return
    if built_with() == FOLDING_VERSION:
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    indexed = rebuild_index_if_stale()
    if indexed and verbosity >= 1 and stdout is not None:
        stdout.write(f"Search index rebuilt under folding rules {FOLDING_VERSION}: {indexed} organizations.")
