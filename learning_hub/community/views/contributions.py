"""Proposing a resource, following one's proposals, and editing one sent back for changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from ..forms import ContributionForm
from ..models import Contribution
from ..permissions import policy
from ..proposals import contribution_propose, contribution_update, initial_from_page
from .common import rate, too_many, verification_required


@login_required
@ratelimit(key="user", rate=rate("propose"), method="POST", block=False)
def propose(request):
    if not policy.can_contribute(request.user):
        return verification_required(request)
    hub_index = _hub_index()
    if request.method == "POST":
        if request.limited:
            return too_many(request, what=_("proposals"))
        form = ContributionForm(request.POST, request.FILES)
        if form.is_valid():
            contribution_propose(hub_index=hub_index, user=request.user, data=form.cleaned_data)
            messages.success(
                request,
                _("Thank you! Your proposal is in moderation; we will email you the decision."),
            )
            return redirect("hub_community:my_contributions")
    else:
        form = ContributionForm(initial={"authors": request.user.public_name})
    status = 400 if form.is_bound else 200
    return render(request, "hub_community/propose.html", {"form": form}, status=status)


@login_required
def my_contributions(request):
    contributions = (
        Contribution.objects.filter(contributor=request.user)
        .select_related("page")
        .order_by("-updated_at")
    )
    return render(
        request,
        "hub_community/my_contributions.html",
        {
            "contributions": contributions,
            "can_contribute": policy.can_contribute(request.user),
            # The admin editor keeps every block of the resource; the site's form keeps text.
            "edit_in_admin": request.user.has_perm("wagtailadmin.access_admin"),
        },
    )


@login_required
def contribution_edit(request, pk):
    contribution = get_object_or_404(
        Contribution.objects.select_related("page"), pk=pk, contributor=request.user
    )
    if not contribution.is_editable:
        messages.error(
            request, _("This proposal cannot be edited now: it is not waiting for changes.")
        )
        return redirect("hub_community:my_contributions")
    if not policy.can_contribute(request.user):
        raise PermissionDenied
    latest = contribution.page.get_latest_revision_as_object()
    has_files = any(block.block_type == "document" for block in latest.body)
    if request.method == "POST":
        form = ContributionForm(request.POST, request.FILES, has_files=has_files)
        if form.is_valid():
            contribution_update(
                contribution=contribution, user=request.user, data=form.cleaned_data
            )
            messages.success(request, _("Your changes are sent: the moderators will review them."))
            return redirect("hub_community:my_contributions")
    else:
        form = ContributionForm(initial=initial_from_page(latest), has_files=has_files)
    return render(
        request,
        "hub_community/propose.html",
        {"form": form, "contribution": contribution, "page_obj": latest},
        status=400 if form.is_bound else 200,
    )


def _hub_index():
    from wagtail.models import Locale

    from learning_hub.models import HubIndexPage

    # Proposals join the hub of the site's main language, whatever language the page is read in.
    hubs = HubIndexPage.objects.live().order_by("path")
    hub_index = hubs.filter(locale=Locale.get_default()).first() or hubs.first()
    if hub_index is None:
        raise Http404(_("The hub is not open yet."))
    return hub_index
