"""Demo funding programs of four operators from the demo directory, each with its calls, created and moved
through their life cycle by the programs' own staff through the services, as on the site: Kazakhstan's
Civil Initiatives Support Center (state grants: one call open, one competition decided), Kyrgyzstan's youth
agency (grants with 20–40 % co-financing), Tajikistan's Committee for Women and Family Affairs (grants to
women entrepreneurs) and the Shymkent akimat (a social contract for home care of the elderly, in two lots).

The Kazakh centre's decided competition is played through from start to end: sixty organizations apply,
five reviewers score them (two declare a conflict of interest and are replaced), and the committee approves
eight, waitlists four and rejects the rest; its open call has drafts in progress and two applications in.
Dates are counted from today, so the open calls stay open whenever the demo is loaded. Loading again changes
nothing."""

from birge.funding.applications.models import Application
from birge.funding.calls.models import Call
from birge.funding.programs.models import Program

from .accounts import _staff_accounts
from .programs import PROGRAMS, _program


def load(stdout) -> None:
    people = _staff_accounts()
    created = [
        _program(spec, people)
        for spec in PROGRAMS
        if not Program.objects.filter(operator__slug=spec["operator"], title=spec["title"]).exists()
    ]
    if not created:
        stdout.write("Demo funding programs already loaded.")
        return
    calls_made = Call.objects.filter(program__in=created).count()
    applications = Application.objects.filter(call__program__in=created).count()
    stdout.write(
        f"Demo funding programs: {len(created)}, with {calls_made} calls and {applications} applications."
    )
