"""A query's words as search terms: each word's skeleton, its other readings, its plain form, and the
indexed words one letter away from it (typos), the same on both engines."""

from __future__ import annotations

from dataclasses import dataclass, replace

from birge.orgs.search.transliteration import plain, readings, within_one_edit, words

MAX_TERMS = 10
MAX_TOKEN = 60
PREFIX_FROM = 3  # a word typed this long matches words that start with it; a shorter one only itself
TYPO_FROM = 5  # "one wrong, missing or extra letter" is forgiven in words this long
MAX_ALTERNATIVES = 20


@dataclass(frozen=True)
class Term:
    skeleton: str  # [a-z0-9]
    plain: str  # lowercase Latin or Cyrillic letters and digits; may be empty
    alternatives: tuple[str, ...] = ()  # indexed skeletons one letter away
    others: tuple[str, ...] = ()  # the word's other readings (a c read as ц, a j as й ...), as skeletons

    @property
    def skeletons(self) -> tuple[str, ...]:
        """The skeletons the word matches as typed: its own and its other readings, each as a prefix if the
        word is one."""
        return (self.skeleton, *self.others)

    @property
    def prefix(self) -> bool:
        """Does the term match words that start with it? Judged by what was typed ("асс" is three
        letters even though its skeleton "as" has two); a one-letter skeleton matches only itself."""
        return len(self.skeleton) >= 2 and max(len(self.plain), len(self.skeleton)) >= PREFIX_FROM

    @property
    def tolerates_typos(self) -> bool:
        return len(self.skeleton) >= TYPO_FROM or (len(self.plain) >= TYPO_FROM and len(self.skeleton) >= 4)

    def probes(self) -> tuple[str, str]:
        """A word one letter away from the skeleton keeps either its first half or its second half intact:
        the vocabulary words that start with the one or end with the other are the only candidates."""
        half = len(self.skeleton) // 2
        return self.skeleton[:half], self.skeleton[half:]


def parse_terms(text: str) -> list[Term]:
    terms: dict[str, Term] = {}
    for word in words(text):
        own, *others = (reading[:MAX_TOKEN] for reading in readings(word))
        term = Term(skeleton=own, plain=plain(word)[:MAX_TOKEN], others=tuple(o for o in others if o))
        if term.skeleton and term.skeleton not in terms:
            terms[term.skeleton] = term
    found = list(terms.values())
    # A lone letter ("и", "a") narrows nothing when there are real words beside it.
    if any(len(term.skeleton) > 1 for term in found):
        found = [term for term in found if len(term.skeleton) > 1]
    return found[:MAX_TERMS]


def with_alternatives(terms: list[Term], candidates: list[str]) -> list[Term]:
    """Each term with the candidate words that really are one letter away from it, unless the term is a
    word of the index itself: a correctly spelled "Zhasyl" must not also find "Basil" and "Jail"."""
    expanded = []
    for term in terms:
        if any(word.startswith(term.skeletons) for word in candidates):
            expanded.append(term)
            continue
        close = sorted(
            word for word in set(candidates) if word != term.skeleton and within_one_edit(term.skeleton, word)
        )
        expanded.append(replace(term, alternatives=tuple(close[:MAX_ALTERNATIVES])) if close else term)
    return expanded
