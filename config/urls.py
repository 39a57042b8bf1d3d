"""Root URLs: technical endpoints unprefixed, every page a person reads under i18n_patterns."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.sitemaps import SiteSitemap

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # The admin logs in through allauth (email verification, rate limits, MFA).
    path("admin/login/", core_views.admin_login_redirect, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("studio.urls_media")),
    path("", include("learning_hub.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": SiteSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("search/", core_views.search, name="search"),
    path("studio/", include("studio.urls")),
    path("hub/", include("learning_hub.community.urls")),
    path("campus/", include("campus.urls")),
    path("", include("feedback.urls")),
    path("campus/assignments/", include("campus.assignments.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
# allauth answers its rate limits' refusals with this view.
handler429 = "core.views.too_many_requests"
