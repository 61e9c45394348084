"""Weight on the wire of every page of the shell, the account area, the directory, networks, events and joint
projects, as a first visit downloads it.

    .venv/bin/python bench/page_weights.py

Prints one row a page: the HTML body as the server sends it with Brotli and with gzip (its own compression,
with the most random padding it adds), the CSS/JS/icons it links as WhiteNoise sends them (Brotli), the
total with Brotli, and the budgets of docs/budgets.md (HTML ≤ 14 KB, everything ≤ 25 KB). Headers are not
counted: tests/browser/test_wire_bytes.py measures what Chromium receives, headers included. Runs against
a throw-away in-memory database holding the demo data."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "birge.settings.test")
os.environ["DATABASE_URL"] = "sqlite:///:memory:"

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from birge.accounts import demo as accounts_demo  # noqa: E402
from birge.accounts.models import User  # noqa: E402
from birge.core.reference import load_reference_data  # noqa: E402
from birge.core.testing import FIRST_VISIT_BUDGET, HTML_BUDGET, gzipped_size, page_weight  # noqa: E402
from birge.events import demo as events_demo  # noqa: E402
from birge.networks import demo as networks_demo  # noqa: E402
from birge.orgs import demo as orgs_demo  # noqa: E402
from birge.projects import demo as projects_demo  # noqa: E402

PUBLIC = [
    "/ru/",
    "/kk/",
    "/ru/search/?q=Ош",
    "/ru/accounts/login/",
    "/ru/accounts/signup/",
    "/ru/accounts/password/reset/",
    "/ru/no-such-page/",
    "/ru/orgs/",
    "/ru/orgs/?q=Zhasyl&country=KZ",
    "/tg/orgs/?country=TJ&theme=children-youth",
    "/ru/orgs/zamini-obod-sughd/",
    "/ru/orgs/kz-ministry-labour/",
    "/ru/networks/",
    "/ky/networks/?q=migratsiya",
    "/ru/networks/labour-migration-network/",
    "/ru/networks/labour-migration-network/charter/",
    "/ru/networks/labour-migration-network/charter/compare/?a=1&b=2",
    "/ru/networks/labour-migration-network/discussions/",
    "/ru/networks/labour-migration-network/decisions/",
    "/ru/networks/mudslide-rasht-2026/incident/",
    "/ru/events/",
    "/ru/events/?country=KZ&format=online",
    "/ky/events/?kind=study_tour",
    "/ru/events/central-asia-civil-society-forum/",
    "/ru/events/training-monitoring-evaluation-khujand/",
    "/ru/projects/",
    "/tg/projects/?country=TJ",
    "/ru/projects/accessible-city-pavlodar-dushanbe/",
    "/ru/projects/accessible-city-pavlodar-dushanbe/reports/",
]
DEMO_OWNER = ("member@birge.demo", "birge-demo-2026")  # owns «Do‘stlik ko‘prigi» in the demo data
OWNER_PAGES = [
    "/ru/orgs/mine/",
    "/ru/orgs/new/",
    "/ru/orgs/dostlik-koprigi-osh/",
    "/ru/orgs/dostlik-koprigi-osh/edit/basics/",
    "/ru/orgs/dostlik-koprigi-osh/edit/about/",
    "/ru/orgs/dostlik-koprigi-osh/edit/capacity/",
    "/ru/orgs/dostlik-koprigi-osh/members/",
    "/ru/orgs/dostlik-koprigi-osh/passport/",
    "/ru/orgs/dostlik-koprigi-osh/passport/sharing/",
    "/ru/orgs/kz-ministry-labour/claim/",
    # member@birge.demo speaks for the migration network's coordinator.
    "/ru/networks/labour-migration-network/members/?q=Ynanch",
    "/ru/networks/labour-migration-network/charter/edit/",
    "/ru/networks/labour-migration-network/decisions/new/",
    "/ru/networks/invitations/",
    "/ru/events/mine/",
    "/ru/events/calendar/",
    "/ru/events/new/",
    "/ru/events/digital-safety-webinar/",
    # member@birge.demo speaks for the lead of the migration project.
    "/ru/projects/new/",
    "/ru/projects/safe-migration-before-departure/indicators/",
    "/ru/projects/safe-migration-before-departure/plan/",
    "/ru/projects/safe-migration-before-departure/partners/",
]
PRIVATE = [
    "/ru/accounts/profile/",
    "/ru/accounts/email/",
    "/ru/accounts/password/change/",
    "/ru/accounts/2fa/",
    "/ru/accounts/2fa/totp/activate/",
    "/ru/accounts/export/",
    "/ru/accounts/delete/",
]
PASSWORD = "bench-password-2026"


def main() -> int:
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    load_reference_data()
    with open(os.devnull, "w") as quiet:
        accounts_demo.load(quiet)
        orgs_demo.load(quiet)
        networks_demo.load(quiet)
        events_demo.load(quiet)
        projects_demo.load(quiet)
    user = User.objects.create_user(email="bench@example.org", password=PASSWORD, display_name="Bench")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    client = Client()
    rows = [(path, client.get(path)) for path in PUBLIC]
    client.post("/ru/accounts/login/", {"login": user.email, "password": PASSWORD})
    client.post("/ru/accounts/reauthenticate/", {"password": PASSWORD})
    rows += [(path, client.get(path)) for path in PRIVATE]
    owner = Client()
    owner.post("/ru/accounts/login/", {"login": DEMO_OWNER[0], "password": DEMO_OWNER[1]})
    rows += [(path, owner.get(path)) for path in OWNER_PAGES]

    over = 0
    print(f"{'page':46} {'status':>6} {'html br':>8} {'gzip':>6} {'assets':>7} {'total':>7}")
    for path, response in rows:
        weight = page_weight(response.content)
        assets = weight.total - weight.html
        gzipped = gzipped_size(response.content)
        flag = ""
        if weight.html > HTML_BUDGET or weight.total > FIRST_VISIT_BUDGET:
            flag, over = "  OVER BUDGET", over + 1
        sizes = f"{weight.html:>8} {gzipped:>6} {assets:>7} {weight.total:>7}"
        print(f"{path:46} {response.status_code:>6} {sizes}{flag}")
    print(f"budgets: html {HTML_BUDGET} B, first visit {FIRST_VISIT_BUDGET} B (Brotli as sent)")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
