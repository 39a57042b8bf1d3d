"""Public pages of the beta programme (inside the language prefix)."""

from django.urls import path

from .views import items, volunteers

app_name = "feedback"

urlpatterns = [
    path("beta/apply/", volunteers.apply, name="apply"),
    path("beta/my-application/", volunteers.application, name="application"),
    path("beta/my-application/withdraw/", volunteers.withdraw, name="withdraw"),
    path("feedback/new/", items.new, name="new"),
    path("feedback/thanks/<uuid:uuid>/", items.thanks, name="thanks"),
    path("feedback/mine/", items.mine, name="mine"),
    path("feedback/<uuid:uuid>/", items.detail, name="detail"),
]
