"""Fill empty entries of Birge's catalogs from allauth's and Django's, where those have a translation,
and English from the source text. Translators then only see what upstream lacks.

Run after `make messages`:  .venv/bin/python scripts/prefill_catalogs.py && make compile-messages
"""

from pathlib import Path

import allauth
import django
import polib

ROOT = Path(__file__).resolve().parents[1]
UPSTREAM = [Path(allauth.__file__).parent / "locale", Path(django.__file__).parent / "conf" / "locale"]


def upstream_entries(language: str) -> dict:
    found = {}
    for base in UPSTREAM:
        path = base / language / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.translated() and "fuzzy" not in entry.flags:
                found.setdefault((entry.msgctxt, entry.msgid), entry)
    return found


def upstream_header(language: str) -> dict:
    for base in UPSTREAM:
        path = base / language / "LC_MESSAGES" / "django.po"
        if path.exists():
            return polib.pofile(str(path)).metadata
    return {}


def main() -> None:
    for catalog in sorted((ROOT / "birge" / "locale").glob("*/LC_MESSAGES/django.po")):
        language = catalog.parent.parent.name
        po = polib.pofile(str(catalog))
        known = upstream_entries(language)
        header = upstream_header(language)
        po.metadata["Language"] = language
        po.metadata["Project-Id-Version"] = "Birge"
        if "Plural-Forms" in header:
            po.metadata["Plural-Forms"] = header["Plural-Forms"]
        po.metadata_is_fuzzy = False
        filled = 0
        for entry in po:
            if entry.translated() or entry.obsolete:
                continue
            if language == "en":
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                else:
                    entry.msgstr = entry.msgid
            elif (source := known.get((entry.msgctxt, entry.msgid))) is not None:
                if entry.msgid_plural and source.msgstr_plural:
                    entry.msgstr_plural = dict(source.msgstr_plural)
                elif not entry.msgid_plural:
                    entry.msgstr = source.msgstr
                else:
                    continue
            else:
                continue
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
        po.save()
        left = len([e for e in po if not e.translated() and not e.obsolete])
        print(f"{language}: filled {filled}, untranslated {left}")


if __name__ == "__main__":
    main()
