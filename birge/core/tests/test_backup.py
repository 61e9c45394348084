"""`birge backup` and `birge restore` on whichever engine the suite runs on."""

import tarfile

import pytest
from django.core.management import CommandError, call_command

from birge.core.events import Verb
from birge.core.models import Country, Event


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_the_data_and_media_back(tmp_path, settings, reference):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media" / "logos").mkdir(parents=True)
    (tmp_path / "media" / "logos" / "a.webp").write_bytes(b"logo")
    (tmp_path / "private" / "claims").mkdir(parents=True)
    (tmp_path / "private" / "claims" / "letter.pdf").write_bytes(b"%PDF evidence")
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=archive)
    assert Event.objects.filter(verb=Verb.BACKUP_CREATED).count() == 1
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/logos/a.webp" in names
    assert "private/claims/letter.pdf" in names

    Country.objects.filter(code="KZ").delete()
    (tmp_path / "media" / "logos" / "a.webp").unlink()
    (tmp_path / "private" / "claims" / "letter.pdf").unlink()
    call_command("restore", str(archive), yes=True)

    assert Country.objects.filter(code="KZ").exists()
    assert (tmp_path / "media" / "logos" / "a.webp").read_bytes() == b"logo"
    assert (tmp_path / "private" / "claims" / "letter.pdf").read_bytes() == b"%PDF evidence"
    # The database is as it was at the dump, which came before the entry of the backup itself.
    assert Event.objects.filter(verb=Verb.BACKUP_CREATED).count() == 0
    assert Event.objects.filter(verb=Verb.BACKUP_RESTORED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        tar.add(__file__, arcname="../../etc/passwd")
    with pytest.raises(CommandError):
        call_command("restore", str(bogus), yes=True)
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), yes=True)
