"""Organizations in the states tests need, built one way. Reference data must be loaded (`reference`)."""

import factory
from django.utils import timezone

from birge.core.models import Country
from birge.orgs.members.models import Membership, Role
from birge.orgs.profiles.models import Kind, LegalForm, Organization


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    class Params:
        draft = factory.Trait(published_at=None)
        verified = factory.Trait(verified_at=factory.LazyFunction(timezone.now))

    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = Kind.CSO
    legal_form = LegalForm.PUBLIC_ASSOCIATION
    name = factory.Sequence(lambda n: f"Организация {n}")
    name_ru = factory.SelfAttribute("name")
    original_language = "ru"
    country = factory.LazyFunction(lambda: Country.objects.get(code="KZ"))
    published_at = factory.LazyFunction(timezone.now)
    phone = "+7 727 111 2233"
    address = "Алматы, ул. Абая 1"
    contact_name = "Айгуль Серикова"
    contact_email = "aigul@example.kz"
    staff_count = 12
    volunteer_count = 30
    budget_band = "50k_200k"
    funding_foreign = 70
    funding_state = 20


def with_member(organization: Organization, user, role: str = Role.OWNER) -> Organization:
    Membership.objects.create(organization=organization, user=user, role=role)
    return organization
