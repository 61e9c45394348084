"""Keeping the index in step with the profiles. Services call `index_organizations` after every write
(on commit); `rebuild_index` starts over, e.g. after a change to the folding rules."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from ..models import Organization, SearchEntry, SearchTag, SearchWord
from ..models.organization import OrganizationQuerySet
from . import counting
from .documents import FIELDS, build_document
from .engines import engine

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
    indexed = {doc.pk for doc in documents}
    with transaction.atomic(), connection.cursor() as cursor:
        SearchTag.objects.filter(entry_id__in=ids).delete()
        SearchEntry.objects.filter(pk__in=[pk for pk in ids if pk not in indexed]).delete()
        engine().write(cursor, documents, ids)
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
        for model in (SearchTag, SearchEntry, SearchWord):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
    ids = list(Organization.objects.published().order_by("pk").values_list("pk", flat=True))
    index_organizations(ids)
    with connection.cursor() as cursor:
        engine().optimize(cursor)
    return len(ids)
