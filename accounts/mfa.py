"""The admin asks for a second factor: whoever enters it has proved an authenticator app.

allauth.mfa offers the authenticator (TOTP and recovery codes) but enforces it nowhere. A
request under the admin's prefix from someone who may enter the admin is let through only
when their session holds an authentication by the second factor — at login, on
re-authentication, or by the code typed to activate the app in this session. Otherwise:
no authenticator yet → the page that sets one up; one, but not used in this session → the
page that asks for its code, which comes back to the admin page requested.
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Set by `remember_activation` when the app is activated, for the user it names.
ACTIVATED_SESSION_KEY = "accounts_mfa_activated_by"


def has_second_factor(request):
    """Return True if `request.user` has an authenticator and used it in this session."""
    user = request.user
    if not is_mfa_enabled(user):
        return False
    if request.session.get(ACTIVATED_SESSION_KEY) == str(user.pk):
        return True
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def remember_activation(sender, request=None, user=None, **kwargs):
    """Count the code typed to activate an authenticator as this session's second factor."""
    if request is not None and user is not None and hasattr(request, "session"):
        request.session[ACTIVATED_SESSION_KEY] = str(user.pk)


class AdminMultiFactorMiddleware:
    """Send whoever enters the admin without a second factor to set one up or to use it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_ask(request):
            return self._ask(request)
        return self.get_response(request)

    @staticmethod
    def _must_ask(request):
        if not settings.ADMIN_REQUIRES_MFA:
            return False
        if not request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            return False
        if request.path_info == reverse("wagtailadmin_login"):
            return False  # sends to the site's login, which asks for the factor itself
        user = request.user
        if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
            return False  # the admin refuses them on its own
        return not has_second_factor(request)

    @staticmethod
    def _ask(request):
        back = urlencode({"next": request.get_full_path()})
        if is_mfa_enabled(request.user):
            messages.info(
                request,
                _("To enter the administration, confirm it is you with your authenticator app."),
            )
            return redirect(f"{reverse('mfa_reauthenticate')}?{back}")
        messages.warning(
            request,
            _(
                "The administration requires two-factor authentication. Set up an "
                "authenticator app on your phone; you will then enter the administration."
            ),
        )
        return redirect(f"{reverse('mfa_activate_totp')}?{back}")
