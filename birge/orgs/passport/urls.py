"""Included by `birge.orgs.urls` at `<slug:slug>/passport/`, inside the "orgs" namespace."""

from django.urls import path

from birge.orgs.passport import views

urlpatterns = [
    path("", views.passport, name="passport"),
    path("registration/", views.edit_registration, name="passport_edit_registration"),
    path("governance/", views.edit_governance, name="passport_edit_governance"),
    path("finances/", views.edit_finances, name="passport_edit_finances"),
    path("policies/<slug:kind>/", views.edit_policy, name="passport_edit_policy"),
    path("audits/new/", views.edit_audit, name="passport_add_audit"),
    path("audits/<int:audit_id>/", views.edit_audit, name="passport_edit_audit"),
    path("confirm/<slug:section>/", views.confirm, name="passport_confirm"),
    path("sharing/", views.sharing, name="passport_share"),
    path("sharing/<int:share_id>/revoke/", views.revoke, name="passport_share_revoke"),
    # Documents: "registration" or "charter"; a year's financial report; a policy; an audit report.
    path("documents/<slug:name>/", views.document, name="passport_document"),
    path("documents/finances/<int:year>/", views.document, name="passport_document_finances"),
    path("documents/policies/<slug:kind>/", views.document, name="passport_document_policy"),
    path("documents/audits/<int:audit_id>/", views.document, name="passport_document_audit"),
]
