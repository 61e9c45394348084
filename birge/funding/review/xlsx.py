"""The ranking of a call as a spreadsheet, for the committee's meeting: one sheet, a header row, one row per
application, in the order and with the filters of the page."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from birge.funding.calls.models import Call
from birge.funding.review.ranking import Row

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell that starts with one of these is run as a formula by a spreadsheet (and openpyxl itself writes a
# string starting with "=" as one). Applicants write the titles and names: a quote keeps them text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def ranking_workbook(call: Call, rows: list[Row]) -> bytes:
    # Write-only: rows go straight to the file instead of being kept as cell objects, several times faster
    # for a call of some hundred applications.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Ranking")[:31])
    reviewers = max([call.reviews_per_application, *(len(row.totals) for row in rows)])
    header = [
        _("Rank"),
        _("Applicant"),
        _("Project title"),
        _("Requested, %(currency)s") % {"currency": call.program.currency},
        _("Reviews submitted"),
        _("Reviewers assigned"),
        *(_("Reviewer %(number)s") % {"number": number} for number in range(1, reviewers + 1)),
        _("Mean"),
        _("Spread"),
        _("Disagreement"),
        _("Decision"),
    ]
    sheet.append([safe(str(title)) for title in header])
    for row in rows:
        totals = [*row.totals, *([None] * (reviewers - len(row.totals)))]
        decision = getattr(row.application, "decision", None)
        sheet.append(
            [
                row.rank,
                safe(row.application.applicant_name),
                safe(row.application.title),
                row.application.requested_amount,
                len(row.totals),
                row.assigned,
                *totals,
                row.mean,
                row.spread,
                _("yes") if row.disagreement else _("no"),
                safe(decision.get_outcome_display()) if decision else None,
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
