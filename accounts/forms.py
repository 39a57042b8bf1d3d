"""Forms members fill in about themselves."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Instrument

from .models import User


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form with the public display name asked up front."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Optional. Shown next to your contributions instead of your email address."),
    )
    field_order = ["email", "display_name", "password1", "password2"]


class ProfileForm(forms.ModelForm):
    instruments = forms.ModelMultipleChoiceField(
        label=_("Instruments"),
        queryset=Instrument.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The instruments you play or teach."),
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "first_name",
            "last_name",
            "preferred_language",
            "institution",
            "instruments",
            "bio",
            "avatar",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "avatar": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        error_messages = {
            "avatar": {
                "invalid_image": _(
                    "This file is not an image we can read. Upload a JPEG, PNG or WebP picture."
                )
            }
        }
        help_texts = {
            "bio": _("A few sentences about your musical life (1000 characters at most).")
        }


class AccountDeleteForm(forms.Form):
    """Ask for the password, so that an unattended session cannot erase the account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my data will be deleted for good."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("This password is not correct. Type your current password to confirm."),
                code="password_incorrect",
            )
        return password
