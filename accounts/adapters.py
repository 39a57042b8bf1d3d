"""allauth adapter: our rules for sign-up, emails and where people land after logging in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Send in the recipient's preferred language when we know it, else the active one."""
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def save_user(self, request, user, form, commit=True):
        """Store the language the person signed up in as their preferred language."""
        user = super().save_user(request, user, form, commit=False)
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        display_name = form.cleaned_data.get("display_name")
        if display_name:
            user.display_name = display_name
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        """Return the home page in the active language (an explicit `next` wins over it)."""
        return _home()

    def get_logout_redirect_url(self, request):
        return _home()


def _home():
    return reverse("wagtail_serve", args=[""])
