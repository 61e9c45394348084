"""Organizations that work on a joint project together count as partners for the directory: what one opens
to partners shows to the people of the others, and to nobody else."""

import pytest

from birge.orgs.permissions import Viewer
from birge.projects.projects.models import Partner, PartnerRole, Project

pytestmark = pytest.mark.django_db


def test_fellow_project_organizations_are_partners_and_outsiders_are_not(kz_ngo, tj_ngo, tj_owner, outsider):
    project = Project.objects.create(slug="together", title="Вместе", lead=kz_ngo)
    Partner.objects.create(project=project, organization=kz_ngo, role=PartnerRole.LEAD)
    Partner.objects.create(project=project, organization=tj_ngo)

    assert kz_ngo.pk in Viewer(tj_owner).partner_of
    assert kz_ngo.pk not in Viewer(outsider).partner_of
