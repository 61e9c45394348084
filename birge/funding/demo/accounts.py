"""The people of the demo programs: the operators' grant staff, the Kazakh centre's outside experts and
the chair of its competition committee, each a demo account with the password DEMO_PASSWORD."""

from birge.accounts.demo import demo_account
from birge.orgs.members.models import Membership, Role
from birge.orgs.profiles.models import Organization

# The operators' grant staff: e-mail → (name, language, operator, role in the operator's profile).
STAFF = {
    "yerzhan@birge.demo": ("Ержан Байжанов", "kk", "kz-cisc", Role.EDITOR),
    "dana@birge.demo": ("Дана Мусина", "kk", "kz-cisc", Role.MEMBER),
    "aibek@birge.demo": ("Айбек Токтосунов", "ky", "kg-youth-agency", Role.EDITOR),
    "farangis@birge.demo": ("Фарангис Назарова", "tg", "tj-committee-women-family", Role.EDITOR),
    "saule@birge.demo": ("Сауле Жаксыбекова", "kk", "shymkent-akimat", Role.EDITOR),
}
# The Kazakh centre's outside experts: e-mail → (name, language, languages they review in).
REVIEWERS = {
    "reviewer1@birge.demo": ("Гульмира Сапарова", "kk", ["kk", "ru"]),
    "reviewer2@birge.demo": ("Виктор Пак", "ru", ["ru"]),
    "reviewer3@birge.demo": ("Асхат Жумабаев", "kk", ["kk", "ru"]),
    "reviewer4@birge.demo": ("Елена Белова", "ru", ["ru"]),
    "reviewer5@birge.demo": ("Айнур Касенова", "kk", ["kk", "ru"]),
}
# The chair of the centre's competition committee, who records its decisions.
COMMITTEE = {"committee@birge.demo": ("Бахытжан Ермеков", "kk")}


def _staff_accounts() -> dict:
    people = {}
    for email, (name, language, operator_slug, role) in STAFF.items():
        people[email] = demo_account(email, name, language)
        Membership.objects.get_or_create(
            organization=Organization.objects.get(slug=operator_slug),
            user=people[email],
            defaults={"role": role},
        )
    # The experts and the committee are outsiders to the centre: a role in its program, no membership.
    for email, (name, language, *_languages) in (REVIEWERS | COMMITTEE).items():
        people[email] = demo_account(email, name, language)
    return people
