"""The award states the tests start from (built in factories.py, shared with the other feature's tests)."""

from birge.funding.awards.tests.factories import approved, award, editor, first_report  # noqa: F401
