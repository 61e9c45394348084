"""The pages' own reading of who follows an award (a queryset for the list, one standing per page) gives
the answers of the rules in permissions.py, for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from birge.funding.awards.reads import AwardAccess, award_access, followed_awards
from birge.funding.permissions import can_follow_award, can_manage_awards, can_report_on

pytestmark = pytest.mark.django_db

ROLES = ["applicant", "editor", "officer", "manager", "committee_member", "reviewer", "outsider", "anonymous"]


def person(request, who):
    return AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", ROLES)
def test_the_standing_on_an_award_is_the_permission_rules(request, award, who):
    user = person(request, who)

    assert award_access(user, award) == AwardAccess(
        grantee=can_report_on(user, award),
        manages=can_manage_awards(user, award.application.call.program),
        follows=can_follow_award(user, award),
    )


@pytest.mark.parametrize("who", ROLES)
def test_the_list_holds_the_awards_one_may_follow(request, award, who):
    user = person(request, who)

    assert list(followed_awards(user)) == ([award] if can_follow_award(user, award) else [])
    assert can_follow_award(user, award) == (who not in ("reviewer", "outsider", "anonymous"))
