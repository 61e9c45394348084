"""Routes of discussions, included under a network's address by birge/networks/urls.py."""

from django.urls import path

from birge.networks.discussions import views

urlpatterns = [
    path("", views.threads, name="threads"),
    path("new/", views.thread_new, name="thread_new"),
    path("<int:pk>/", views.thread, name="thread"),
    path("<int:pk>/posts/<int:post_pk>/edit/", views.post_edit, name="post_edit"),
]
