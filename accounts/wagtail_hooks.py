"""Admin integration: the admin's account page links to the security pages allauth serves."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_account_menu_item")
def security_menu_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Protect your account with an authenticator app and recovery codes."),
    }


@hooks.register("register_account_menu_item")
def email_menu_item(request):
    return {
        "url": reverse("account_email"),
        "label": _("Email addresses and password"),
        "help_text": _("Change your login email address or your password."),
    }
