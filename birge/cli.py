"""`birge`: one entry point for running and managing an instance. Anything it does not know it passes to
Django's manage.py, so `birge check --deploy` and `birge shell` work too."""

import os
import sys

USAGE = """usage: birge COMMAND [options]

  demo          migrate, load reference and demo data (idempotent)
  serve         serve with gunicorn on 127.0.0.1:8000 (BIND and WEB_CONCURRENCY change that)
  migrate       apply database migrations and load reference data
  worker        run background tasks (production: TASKS_BACKEND=database)
  createadmin   create a site administrator
  hub-admin EMAIL COUNTRY [--remove]   make an account the hub administrator of a country
  backup        write one archive with a consistent database dump and the uploaded files
  restore FILE  restore such an archive
  hourly        every app's hourly work: digests due now, calls to open or close (run it every hour)
  send-digests  only the notification digests due now
  bounce ADDRESS [--reason TEXT]   mark an address as failing (a bounce reported after delivery)
  seed-bench --orgs N   synthetic organizations for bench/directory_search.py (never on a real site)
  seed-bench --funding [--applications 600] [--reviews 5] [--awards 66]
                a grant competition for bench/funding.py (decided, with awards, when --awards)
  check --deploy, shell, …   any Django management command
"""

ALIASES = {
    "worker": ["db_worker"],
    "seed-bench": ["seed_bench"],
    "hub-admin": ["hub_admin"],
    "send-digests": ["send_digests"],
}


def serve(args: list[str]) -> None:
    bind = os.environ.get("BIND", "127.0.0.1:8000")
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    command = [
        sys.executable, "-m", "gunicorn", "birge.wsgi:application",
        "--bind", bind, "--workers", workers, "--access-logfile", "-", *args,
    ]  # fmt: skip
    os.execv(sys.executable, command)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "birge.settings.dev")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return
    command, rest = argv[0], argv[1:]
    if command == "serve":
        serve(rest)
        return
    from django.core.management import execute_from_command_line

    if command == "migrate":
        execute_from_command_line(["birge", "migrate", *rest])
        execute_from_command_line(["birge", "load_reference"])
        return
    execute_from_command_line(["birge", *ALIASES.get(command, [command]), *rest])


if __name__ == "__main__":
    main()
