"""Addresses of this feature, included by birge/funding/urls.py before the call slug patterns."""

urlpatterns: list = []
