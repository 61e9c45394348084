from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from birge.api import api
from birge.core import views as core_views

# The admin has no login of its own: its form would skip two-factor authentication and the login throttle.
# Anyone not signed in is sent to the account login; a signed-in non-staff user gets 403.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("birge.core.urls")),
    path("orgs/", include("birge.orgs.urls")),
    path("calls/", include("birge.funding.urls")),
    path("register/", include("birge.funding.register.urls")),
    path("networks/", include("birge.networks.urls")),
    path("events/", include("birge.events.urls")),
    path("projects/", include("birge.projects.urls")),
    path("accounts/", include("birge.accounts.urls")),
    path("accounts/", include("allauth.urls")),
)

handler403 = "birge.core.views.forbidden"
handler404 = "birge.core.views.not_found"
handler500 = "birge.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
