"""Writing and reporting comments on resources."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from ..forms import CommentForm, ReportForm
from ..models import Comment
from ..permissions import policy
from ..services import CommunityError, comment_add, comment_report
from .common import back_to_resource, live_resource, rate, too_many, verification_required


@require_POST
@login_required
@ratelimit(key="user", rate=rate("comment"), method="POST", block=False)
def add(request, page_id):
    page = live_resource(page_id)
    if not policy.can_comment(request.user):
        return verification_required(request)
    if request.limited:
        return too_many(request, what=_("comments"))
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render(
            request, "hub_community/comment_error.html", {"form": form, "page": page}, status=400
        )
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
    try:
        if form.cleaned_data.get("parent") and parent is None:
            raise CommunityError(_("The comment you replied to no longer exists."))
        comment = comment_add(
            page=page, author=request.user, body=form.cleaned_data["body"], parent=parent
        )
    except CommunityError as error:
        form.add_error(None, str(error))
        return render(
            request, "hub_community/comment_error.html", {"form": form, "page": page}, status=400
        )
    messages.success(request, _("Your comment is published."))
    return back_to_resource(request, page, f"#comment-{comment.pk}")


@login_required
@ratelimit(key="user", rate=rate("report"), method="POST", block=False)
def report(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("page", "author").filter(page__live=True), pk=pk
    )
    if request.method == "POST":
        if request.limited:
            return too_many(request, what=_("reports"))
        form = ReportForm(request.POST)
        if form.is_valid():
            comment_report(
                comment=comment, reporter=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Thank you: the moderators will look at this comment."))
            return back_to_resource(request, comment.page.specific, f"#comment-{comment.pk}")
    else:
        form = ReportForm()
    return render(
        request, "hub_community/report.html", {"form": form, "comment": comment},
        status=400 if form.is_bound else 200,
    )  # fmt: skip
