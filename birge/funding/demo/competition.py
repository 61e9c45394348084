"""The Kazakh centre's calls as their applicants, reviewers and committee play them: sixty organizations
apply to the decided competition, five reviewers declare and score, the committee decides by the
ranking, and the moments the services stamped are written back into the past; the open call gets its
drafts and two applications."""

import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Avg
from django.utils import timezone

from birge.accounts.models import User
from birge.funding.applications import services as applying
from birge.funding.applications.models import Application
from birge.funding.calls.models import Call
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.decisions.services import decision_record
from birge.funding.programs.models import Applicant
from birge.funding.review import services as review
from birge.funding.review.models import Assignment, Conflict, Score
from birge.funding.review.ranking import ranking
from birge.orgs.members.models import Role
from birge.orgs.profiles.models import Organization

from .accounts import REVIEWERS
from .applicants import SHYMKENT, _applicant, _home, _place, _project
from .projects import COFINANCING, COSTS, OPEN_CALL, PROJECTS

# The Kazakh centre's criteria, for both its calls (programs.py); its competition's reviewers score them.
CISC_CRITERIA = [
    ("Соответствие проекта приоритетам конкурса и потребностям целевой группы", 25, 10),
    ("Обоснованность плана работ и ожидаемых результатов", 25, 10),
    ("Реалистичность и прозрачность бюджета", 20, 10),
    ("Опыт организации и квалификация команды", 15, 10),
    ("Устойчивость результатов после завершения гранта", 15, 10),
]

# The form's questions the demo answers, by the labels of FORM (programs.py).
LABELS = {
    "goal": "Цель проекта",
    "problem": "Проблема и целевая группа",
    "activities": "Мероприятия и ожидаемые результаты",
    "groups": "Целевые группы",
    "reach": "Сколько человек получат пользу",
    "start": "Дата начала проекта",
}

# The competition: sixty applications, the last one by the organization member@birge.demo owns.
COMPETITION_SIZE = 59
MEMBERS_ORGANIZATION = "dostyq-uyi-shymkent"
MEMBERS_PROJECT = 6  # in PROJECTS: «Дети мигрантов: школа без барьеров»
# Two reviewers declare a conflict of interest (on applications by position), and on two applications the
# reviewers disagree sharply: the last one scores far below the others.
CONFLICTS = {
    7: "До 2022 года — член правления этой организации.",
    33: "Руководитель организации — мой близкий родственник.",
}
DISSENTS = {14, 40}
APPROVED, WAITLISTED = 8, 4
# How each reviewer leans, in points of 10, against the others.
LENIENCY = dict(zip(REVIEWERS, (0.0, -0.6, 0.4, -0.2, 0.2), strict=True))
# What reviewers write on a criterion they score low, or high (CISC_CRITERIA's order).
WEAK = [
    "Связь с приоритетами конкурса показана слабо; нет данных о численности целевой группы.",
    "План работ расписан общо: непонятно, кто и когда проводит мероприятия, результаты трудно измерить.",
    "Статьи бюджета не обоснованы расчётами, расходы на оплату труда завышены.",
    "Опыт организации в этой теме невелик, профильные специалисты в команде не названы.",
    "Неясно, что останется после гранта: нет партнёров и источников продолжения работы.",
]
STRONG = [
    "Проект отвечает острой потребности, подтверждённой данными местных органов.",
    "Ясный план по месяцам и измеримые результаты.",
    "Бюджет подробный и реалистичный.",
    "У организации многолетний опыт работы с этой группой.",
    "Есть договорённости с акиматом и местным бизнесом о продолжении работы.",
]
DISSENT = (
    "Не согласен с высокой оценкой: результаты описаны общо, а бюджет почти наполовину состоит из оплаты "
    "труда. Проект в таком виде не оправдывает затрат."
)


def _moment(days: int, hour: int, zone: str) -> datetime:
    """`hour` o'clock in `zone`, `days` from today there."""
    tz = ZoneInfo(zone)
    return datetime.combine(timezone.localdate(timezone=tz) + timedelta(days=days), time(hour), tzinfo=tz)


def _filled(texts: dict, place: dict) -> dict:
    """A project's texts with its place written in; an activity plan as lines."""
    return {
        key: "\n".join(value).format(**place) if isinstance(value, tuple) else value.format(**place)
        for key, value in texts.items()
    }


def _budget(requested: int, language: str, cofinancing: int | None = None, lines: int = len(COSTS)) -> list:
    """The budget table: the amount requested spread over COSTS (the last line takes what rounding left),
    with one line of co-financing where the applicant has some; `lines` cuts a draft's table short."""
    column = 0 if language == "ru" else 1
    rows, left = [], requested
    for number, (*categories, percent) in enumerate(COSTS):
        amount = left if number == len(COSTS) - 1 else requested * percent // 100 // 1000 * 1000
        left -= amount
        rows.append({"category": categories[column], "requested": str(amount)})
    if cofinancing is not None:
        *sources, line = COFINANCING[cofinancing]
        rows[line] |= {"cofinancing": str(requested // 10 // 1000 * 1000), "source": sources[column]}
    return rows[:lines]


def _apply(call: Call, owner, organization, *, language: str, texts: dict, budget: list, submitted=None):
    """Start an application, write it, and submit it (at `submitted`, when given) — as its owner."""
    application = applying.application_start(
        actor=owner,
        call=call,
        applicant_kind=Applicant.ORGANIZATION,
        organization=organization,
        title=texts["title"],
        language=language,
    )
    keys = {field["label"]: field["key"] for _section, field in application.form.fields()}
    application = applying.application_save(
        actor=owner,
        application=application,
        revision=application.revision,
        answers={keys[label]: texts[name] for name, label in LABELS.items() if name in texts},
        budget=budget,
    )
    if submitted:
        application = applying.application_submit(actor=owner, application=application, now=submitted)
    return application


@contextmanager
def _taking_applications(call: Call) -> Iterator[None]:
    """Let a competition that closed months ago take its applications today. Drafts are started and saved
    only while a call takes them by the server's clock, and no service moves an announced call's closing
    back, so the closing moment is moved an hour ahead straight in the row, and put back before the officer
    closes the call. The submissions carry their own past moments (the service's `now`)."""
    closes = call.closes_at
    if closes > timezone.now():
        yield
        return
    call.closes_at = timezone.now() + timedelta(hours=1)
    Call.objects.filter(pk=call.pk).update(closes_at=call.closes_at)
    try:
        yield
    finally:
        call.closes_at = closes
        Call.objects.filter(pk=call.pk).update(closes_at=closes)


@dataclass
class Merit:
    """How good an application is, as its reviewers will find it."""

    # What the reviewers' judgement is drawn from: not the row's id, which differs between databases.
    key: str
    quality: float  # points of 10
    strengths: list[float] = field(default_factory=list)  # added to the quality, criterion by criterion
    conflict: str = ""  # what its first reviewer declares, if they have a conflict of interest
    dissent: bool = False  # its last reviewer scores it far below the others


def _competition(call: Call, spec: dict) -> dict[int, Merit]:
    """Sixty organizations apply over the month the call was open; returns each application's merit."""
    zone = call.time_zone
    opens = _moment(*spec["opens"], zone)
    start = _moment(spec["closes"][0] + 45, 9, zone).date().isoformat()
    merits = {}
    with _taking_applications(call):
        for index in range(COMPETITION_SIZE):
            owner, organization = _applicant(index)
            project, language = _project(index)
            rng = random.Random(f"competition-{index}")
            texts = _filled(project[language], _home(index))
            texts |= {
                "groups": project["groups"],
                "reach": str(rng.randint(*project["reach"])),
                "start": start,
            }
            requested = rng.randrange(5_500_000, 24_600_000, 100_000)
            application = _apply(
                call,
                owner,
                organization,
                language=language,
                texts=texts,
                budget=_budget(requested, language, rng.choice([None, None, 0, 1, 2])),
                submitted=opens + timedelta(days=1 + (index * 7) % 29, hours=rng.randint(0, 8)),
            )
            merits[application.pk] = Merit(
                key=f"competition-{index}",
                quality=8.3 if index in DISSENTS else rng.uniform(3.8, 9.4),
                strengths=[rng.uniform(-1.2, 1.2) for _criterion in CISC_CRITERIA],
                conflict=CONFLICTS.get(index, ""),
                dissent=index in DISSENTS,
            )
        # The member's own organization, a centre for labour migrants in Shymkent: one of the best projects.
        organization = Organization.objects.get(slug=MEMBERS_ORGANIZATION)
        owner = organization.memberships.get(role=Role.OWNER).user
        project = PROJECTS[MEMBERS_PROJECT]
        texts = _filled(project["ru"], _place(SHYMKENT)) | {
            "groups": project["groups"],
            "reach": "160",
            "start": start,
        }
        application = _apply(
            call,
            owner,
            organization,
            language="ru",
            texts=texts,
            budget=_budget(18_400_000, "ru", 0),
            submitted=opens + timedelta(days=27, hours=5),
        )
        merits[application.pk] = Merit(key="member", quality=9.3, strengths=[0.4, 0.6, 0.0, 0.5, 0.2])
    return merits


def _open_call(call: Call, spec: dict) -> dict[int, Merit]:
    """Drafts in progress and two applications in, a week or so after the call opened."""
    zone = call.time_zone
    opens = _moment(*spec["opens"], zone)
    for entry in OPEN_CALL:
        if "applicant" in entry:
            owner, organization = _applicant(entry["applicant"])
            place = _home(entry["applicant"])
        else:
            organization = Organization.objects.get(slug=entry["organization"])
            owner = User.objects.get(email=entry["owner"])
            place = {}
        texts = {
            name: entry[name] for name in ("title", "goal", "problem", "activities", "reach") if name in entry
        }
        texts = _filled(texts, place) | ({"groups": entry["groups"]} if "groups" in entry else {})
        submitted = entry.get("submitted")
        if submitted:
            texts["start"] = _moment(spec["closes"][0] + 40, 9, zone).date().isoformat()
        _apply(
            call,
            owner,
            organization,
            language="ru",
            texts=texts,
            budget=_budget(entry["requested"], "ru", lines=entry.get("lines", len(COSTS))),
            submitted=opens + timedelta(days=submitted, hours=7) if submitted else None,
        )
    return {}


APPLICATIONS = {"competition": _competition, "open call": _open_call}


# Review and decisions --------------------------------------------------------------------------------------


def _review(call: Call, runner, people: dict, merits: dict[int, Merit]) -> None:
    """The officer sets the pool and assigns three reviewers to each application; each reviewer declares
    and scores. A declared conflict leaves an application a reviewer short: the officer assigns again, and
    the least loaded reviewer who reads its language takes it."""
    pool = [(people[email], languages) for email, (_name, _language, languages) in REVIEWERS.items()]
    review.pool_set(actor=runner, call=call, members=pool)
    review.auto_assign(actor=runner, call=call)
    _reviews_written(call, merits, first_round=True)
    review.auto_assign(actor=runner, call=call)
    _reviews_written(call, merits, first_round=False)


def _reviews_written(call: Call, merits: dict[int, Merit], *, first_round: bool) -> None:
    criteria = list(call.criteria.all())
    waiting = defaultdict(list)
    for assignment in (
        Assignment.objects.filter(application__call=call, conflict=Conflict.UNDECLARED)
        .select_related("reviewer", "application__call")
        .order_by("application_id", "pk")
    ):
        waiting[assignment.application_id].append(assignment)
    for pk, assignments in waiting.items():
        merit = merits[pk]
        for position, assignment in enumerate(assignments):
            reviewer = assignment.reviewer
            if first_round and merit.conflict and position == 0:
                review.declare(actor=reviewer, assignment=assignment, conflict=True, note=merit.conflict)
                continue
            review.declare(actor=reviewer, assignment=assignment, conflict=False)
            dissent = first_round and merit.dissent and position == len(assignments) - 1
            review.scores_save(
                actor=reviewer,
                assignment=assignment,
                scores=_scores(merit, criteria, reviewer.email, dissent=dissent),
                submit=True,
            )


def _scores(merit: Merit, criteria, email: str, *, dissent: bool) -> dict[int, tuple[int, str]]:
    """One reviewer's scores of one application: its quality and strengths, the reviewer's leaning and a
    little of their own judgement; a word on the weakest and the strongest point."""
    rng = random.Random(f"{email}-{merit.key}")
    values = []
    for criterion, strength in zip(criteria, merit.strengths, strict=True):
        points = merit.quality + strength + LENIENCY[email] + rng.uniform(-0.8, 0.8) - (4.5 if dissent else 0)
        values.append(max(1, min(criterion.max_score, round(points * criterion.max_score / 10))))
    comments = [""] * len(criteria)
    weakest, strongest = values.index(min(values)), values.index(max(values))
    if values[strongest] >= 8:
        comments[strongest] = STRONG[strongest]
    if values[weakest] <= 6:
        comments[weakest] = WEAK[weakest]
    if dissent:
        comments[2] = DISSENT
    return {
        criterion.pk: (value, comment)
        for criterion, value, comment in zip(criteria, values, comments, strict=True)
    }


def _points(mean: Decimal) -> str:
    return f"{mean:.2f}".replace(".", ",")


def _tenge(amount: Decimal) -> str:
    return f"{int(amount):,}".replace(",", "\u00a0")


def _decide(call: Call, member) -> None:
    """The committee follows the ranking: the best eight get their grants (two of them a little less than
    asked), the next four wait on the reserve list, the rest are turned down; each with its reasons."""
    rows = [row for row in ranking(call) if row.rank]
    cutoff = rows[APPROVED - 1].mean
    means: dict[int, dict[int, float]] = defaultdict(dict)
    for pk, criterion, mean in (
        Score.objects.filter(assignment__application__call=call)
        .exclude(assignment__conflict=Conflict.DECLARED)
        .values("assignment__application_id", "criterion_id")
        .annotate(mean=Avg("value"))
        .values_list("assignment__application_id", "criterion_id", "mean")
        .order_by()
    ):
        means[pk][criterion] = mean
    titles = dict(call.criteria.values_list("pk", "title"))
    for row in rows:
        application = row.application
        place = (
            f"Проект занял {row.rank}-е место из {len(rows)} со средней оценкой {_points(row.mean)} из 100."
        )
        best = titles[max(means[application.pk], key=means[application.pk].get)]
        worst = titles[min(means[application.pk], key=means[application.pk].get)]
        amount = None
        if row.rank <= APPROVED:
            outcome, amount = Outcome.APPROVED, application.requested_amount
            reasons = f"{place} Сильнее всего эксперты оценили критерий «{best}»."
            if row.rank in (3, 6):
                cut = (amount * Decimal("0.9") / 100000).quantize(Decimal(1), rounding=ROUND_DOWN) * 100000
                amount = max(cut, call.grant_min)
                reasons += (
                    f" Комиссия сократила расходы на оборудование: грант — {_tenge(amount)} тенге вместо "
                    f"запрошенных {_tenge(application.requested_amount)}."
                )
            else:
                reasons += f" Грант — {_tenge(amount)} тенге, как запрошено."
        elif row.rank <= APPROVED + WAITLISTED:
            outcome = Outcome.WAITLISTED
            reasons = (
                f"{place} Заявка в резервном списке: если победитель откажется от гранта или останутся "
                "средства, центр предложит финансирование заявкам резерва в порядке рейтинга."
            )
        else:
            outcome = Outcome.REJECTED
            reasons = (
                f"{place} Гранты получили восемь проектов с оценкой не ниже {_points(cutoff)}. Слабее всего "
                f"эксперты оценили критерий «{worst}»; учтите их замечания и подайте заявку в следующем "
                "конкурсе."
            )
        if row.disagreement:
            reasons += (
                "\nОценки экспертов разошлись более чем на 25 баллов; комиссия рассмотрела заявку отдельно и "
                "согласилась с большинством экспертов."
            )
        decision_record(
            actor=member, application=application, outcome=outcome, reasons=reasons, amount=amount
        )


def _backdate(call: Call) -> None:
    """The services stamp the present moment. The competition ran months ago and the drafts were begun days
    ago, so the moments the pages show are written back (the audit log keeps the real ones): each draft
    begun a few days after opening and saved lately, reviewers assigned two days after closing and done
    within three weeks (those who replaced a conflicted reviewer a week later), the decisions four weeks
    after closing."""
    now = timezone.now()
    opens, closes = call.opens_at, call.closes_at
    rows = call.applications.order_by("pk").values_list("pk", "submitted_at")
    for number, (pk, submitted) in enumerate(rows):
        if submitted:
            begun = max(opens + timedelta(hours=3), submitted - timedelta(days=1 + number % 4))
            saved = submitted
        else:
            begun = opens + timedelta(days=1 + number % 4, hours=2)
            saved = now - timedelta(hours=5 + 26 * (number % 3))
        Application.objects.filter(pk=pk).update(created_at=begun, updated_at=saved)
    assignments = list(Assignment.objects.filter(application__call=call).order_by("pk"))
    if not assignments:
        return
    # The second round of assignment made the last rows: one for each declared conflict.
    replaced = sum(assignment.conflict == Conflict.DECLARED for assignment in assignments)
    for number, assignment in enumerate(assignments):
        later = number >= len(assignments) - replaced
        assigned = closes + timedelta(days=8 if later else 2, hours=-2)
        declared = assigned + timedelta(days=1 + number % 3, hours=number % 7)
        Assignment.objects.filter(pk=assignment.pk).update(
            assigned_at=assigned,
            declared_at=declared,
            submitted_at=declared + timedelta(days=number % 10, hours=2) if assignment.submitted_at else None,
        )
    Decision.objects.filter(application__call=call).update(
        decided_at=closes + timedelta(days=26), announced_at=closes + timedelta(days=28)
    )
