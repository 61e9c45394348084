"""The `birge` command line: demo data, reference data, createadmin."""

import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import CommandError, call_command

from birge.accounts.demo import DEMO_PASSWORD
from birge.accounts.events import Verb
from birge.accounts.models import User
from birge.core.models import Country, Event, Region, ThematicArea
from birge.orgs.hubs.models import HubAdministrator


def test_birge_without_arguments_prints_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "birge.cli"], capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=60
    )
    assert result.returncode == 0
    for command in ("demo", "serve", "migrate", "worker", "createadmin", "backup", "restore"):
        assert f"  {command}" in result.stdout


def test_reference_data_has_the_five_home_countries_with_regions_and_two_level_themes(reference):
    assert set(Country.objects.filter(is_home=True).values_list("code", flat=True)) == {
        "AZ",
        "KZ",
        "KG",
        "TJ",
        "TM",
    }
    for code in ("AZ", "KZ", "KG", "TJ", "TM"):
        assert Region.objects.filter(country__code=code).count() >= 5, code
    assert ThematicArea.objects.filter(parent=None).count() >= 10
    assert not ThematicArea.objects.filter(parent__parent__isnull=False).exists()  # two levels only
    kazakhstan = Country.objects.get(code="KZ")
    for field in ("name_ru", "name_en", "name_kk", "name_ky", "name_tg", "name_tk", "name_az", "name_uz"):
        assert getattr(kazakhstan, field), field


def test_reference_data_loads_again_without_duplicates(reference):
    from birge.core.reference import load_reference_data

    before = (Country.objects.count(), Region.objects.count(), ThematicArea.objects.count())
    load_reference_data()
    assert (Country.objects.count(), Region.objects.count(), ThematicArea.objects.count()) == before


def test_demo_creates_one_account_per_role_and_can_run_twice(db):
    call_command("demo", no_migrate=True)
    call_command("demo", no_migrate=True)
    admin = User.objects.get(email="admin@birge.demo")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    hubs = HubAdministrator.objects.values_list("country__code", flat=True)
    assert sorted(hubs) == ["AZ", "KG", "KZ", "TJ", "TM"]
    member = User.objects.get(email="member@birge.demo")
    assert not member.is_staff and EmailAddress.objects.get(user=member).verified


def test_createadmin_validates_and_audits(db, monkeypatch):
    monkeypatch.setenv("BIRGE_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError, match="10"):
        call_command("createadmin", email="root@example.org")
    with pytest.raises(CommandError, match="not an e-mail"):
        call_command("createadmin", email="root")
    monkeypatch.setenv("BIRGE_ADMIN_PASSWORD", "Nine-lakes-of-Kolsai")
    call_command("createadmin", email="Root@Example.org")
    admin = User.objects.get(email="root@example.org")
    assert admin.is_superuser and admin.check_password("Nine-lakes-of-Kolsai")
    assert Event.objects.filter(verb=Verb.ACCOUNT_ADMIN_CREATED, target_id=str(admin.pk)).exists()
    with pytest.raises(CommandError, match="exists already"):
        call_command("createadmin", email="root@example.org")
