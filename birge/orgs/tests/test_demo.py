"""The demo shows every state a hub meets: verified profiles, unverified ones, and one renamed after its
verification."""

from django.core.management import call_command

from birge.accounts.models import User
from birge.orgs.profiles.models import Organization
from birge.orgs.verification.reads import unverified_for


def test_the_demo_gives_the_kyrgyz_hub_a_profile_changed_since_verification(db):
    call_command("demo", no_migrate=True)
    kyrgyz_hub = User.objects.get(email="hub.kg@birge.demo")
    assert [org.slug for org in unverified_for(kyrgyz_hub) if org.suspensions] == ["jalal-abad-cssc"]
    assert Organization.objects.filter(verified_at__isnull=False).count() >= 8
