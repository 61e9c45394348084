"""Finding networks by name in any script: the directory's transliteration, applied to the few texts a
network has. The key holds each word's Latin skeleton; a typed word matches if one of its readings is in
it, so "Migratsiya" finds "Миграция" and "migration" alike, and a Kazakh name typed in Latin letters finds
the Cyrillic one."""

from django.db.models import Q

from birge.orgs.search.transliteration import readings, skeleton, words

MAX_WORDS = 8


def search_key(*texts: str) -> str:
    skeletons = {skeleton(word) for text in texts for word in words(text)}
    return " ".join(sorted(filter(None, skeletons)))


def matching(query: str) -> Q | None:
    """A filter for networks whose key holds every word typed (by any of its readings); None if nothing
    searchable was typed."""
    condition = None
    for word in words(query)[:MAX_WORDS]:
        either = Q()
        for reading in readings(word):
            if reading:
                either |= Q(search_key__contains=reading)
        if either:
            condition = either if condition is None else condition & either
    return condition
