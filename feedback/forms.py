"""Forms that volunteers fill in: the application and a piece of feedback."""

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from core.models import Instrument

from .models import Device, FeedbackKind, VolunteerApplication
from .validators import validate_screenshot


class ApplicationForm(forms.ModelForm):
    instruments = forms.ModelMultipleChoiceField(
        queryset=Instrument.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Instruments you play or teach"),
    )
    devices = forms.MultipleChoiceField(
        choices=Device.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Devices you can test with"),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the platform team processes the information above to organise the "
            "beta programme. I can withdraw this consent at any time from my account."
        ),
        error_messages={"required": _("Tick this box to apply: we need your consent.")},
    )

    class Meta:
        model = VolunteerApplication
        fields = ["profile", "institution", "instruments", "devices", "availability"]
        labels = {
            "profile": _("You are"),
            "institution": _("Conservatory, school or institution"),
            "availability": _("When are you available to test?"),
        }
        help_texts = {
            "availability": _("For example: weekday evenings, two hours a week until June."),
        }
        widgets = {
            "profile": forms.RadioSelect,
            "availability": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_instruments(self):
        return list(self.cleaned_data["instruments"])


class FeedbackForm(forms.Form):
    """Feedback with its context; the context fields are filled by the page or the script."""

    kind = forms.ChoiceField(label=_("What is it about?"), choices=FeedbackKind.choices)
    rating = forms.TypedChoiceField(
        label=_("Your rating of this page"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_("1 = very poor, 5 = excellent (optional)."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What did you do, what happened, what did you expect?"),
    )
    screenshot = forms.ImageField(
        label=_("Screenshot (optional)"),
        required=False,
        validators=[validate_screenshot],
        help_text=_("PNG, JPEG, WebP or GIF, 5 MB at most."),
    )
    url = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)
    page_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    screen_size = forms.RegexField(
        regex=r"^\d{1,5}x\d{1,5}$", max_length=20, required=False, widget=forms.HiddenInput
    )
    media_time = forms.FloatField(
        required=False, min_value=0, max_value=24 * 3600, widget=forms.HiddenInput
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
            return ""  # only addresses of this site are kept
        return url

    def clean_screen_size(self):
        return self.cleaned_data["screen_size"] or ""
