"""Public pages of the programme: apply to the test phase, read or withdraw the application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ApplicationForm
from ..gating import phases_for
from ..models import VolunteerApplication


def apply(request):
    """Show the application form; visitors without an account are invited to create one."""
    if not request.user.is_authenticated:
        return render(request, "feedback/apply.html", {"phases": phases_for(request)})
    application = VolunteerApplication.objects.filter(user=request.user).first()
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, instance=application)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "instruments"}
        services.apply(user=request.user, data=data, instruments=form.cleaned_data["instruments"])
        messages.success(request, _("Thank you: your application has been recorded."))
        return redirect("feedback:application")
    status = 400 if form.errors else 200
    context = {"form": form, "application": application, "phases": phases_for(request)}
    return render(request, "feedback/apply.html", context, status=status)


@login_required
def application(request):
    """Show the member's application, its status and the date of their consent."""
    application = (
        VolunteerApplication.objects.filter(user=request.user)
        .select_related("cohort")
        .prefetch_related("instruments")
        .first()
    )
    return render(request, "feedback/application.html", {"application": application})


@login_required
@require_POST
def withdraw(request):
    """Withdraw consent: the application is deleted and the member's feedback anonymised."""
    services.withdraw_consent(user=request.user)
    messages.success(
        request,
        _("Your consent is withdrawn: your application is deleted and your feedback anonymised."),
    )
    return redirect("feedback:application")
