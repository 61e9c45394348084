"""The catalogs: Russian and English complete, none fuzzy, none behind the code, compiled files current."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "birge" / "locale"
COMPLETE = ["ru", "en"]
LOCAL = ["kk", "ky", "tg", "tk", "az", "uz"]


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", COMPLETE)
def test_russian_and_english_have_every_entry_translated_and_none_fuzzy(language):
    po = catalog(language)
    missing = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"


@pytest.mark.parametrize("language", COMPLETE + LOCAL)
def test_compiled_catalog_matches_the_source(language):
    po = catalog(language)
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in mo}
    stale = [
        entry.msgid
        for entry in po.translated_entries()
        if compiled.get((entry.msgctxt, entry.msgid)) != (entry.msgstr or entry.msgstr_plural)
    ]
    assert not stale, f"{language}: django.mo is behind django.po, run 'make compile-messages': {stale[:5]}"


@pytest.mark.parametrize("language", LOCAL)
def test_local_languages_cover_the_shell_and_error_pages(language):
    po = catalog(language)
    shell = [
        entry.msgid
        for entry in po
        if any(path.startswith(("core/templates/", "accounts/templates/")) for path, _ in entry.occurrences)
        and not entry.translated()
    ]
    assert not shell, f"{language}: the shell has untranslated text: {shell[:10]}"


@pytest.mark.parametrize("language", COMPLETE + LOCAL)
def test_placeholders_survive_translation(language):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}")
    for entry in catalog(language).translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        # The English plural may name the count its singular leaves out ("one application" / "%(count)s
        # applications"); a language whose form for one also covers 21 or 31 must then name it there too.
        allowed = set(expected) | set(placeholder.findall(entry.msgid_plural or ""))
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            found = sorted(placeholder.findall(text))
            # A plural form for exactly one may drop the count ("one result"); no form may invent one.
            assert set(found) <= allowed and (found == expected or entry.msgid_plural), (
                f"{language}: {entry.msgid!r} -> {text!r}"
            )


def test_catalogs_hold_every_message_of_the_code(tmp_path):
    """Extract the messages afresh from a copy of the code and compare with the committed English catalog."""
    if shutil.which("xgettext") is None:
        pytest.fail(
            "xgettext is missing: run 'make test' (it installs gettext) or 'apt-get install gettext'."
        )
    source = Path(settings.BASE_DIR) / "birge"
    copy = tmp_path / "birge"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "tests", "__pycache__", "data"))
    (copy / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    django_admin = [sys.executable, "-m", "django"]
    result = subprocess.run(
        [*django_admin, "makemessages", "-l", "en"],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    }
    committed = {(e.msgctxt, e.msgid) for e in catalog("en")}
    assert len(fresh) > 300, "the extraction found almost nothing"
    missing = sorted(msgid for _, msgid in fresh - committed)
    assert not missing, (
        f"{len(missing)} messages are not in the catalogs; run 'make messages': {missing[:10]}"
    )
    obsolete = sorted(msgid for _, msgid in committed - fresh)
    assert not obsolete, f"{len(obsolete)} catalog entries are no longer in the code: {obsolete[:10]}"
