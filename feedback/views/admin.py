"""Admin screens of the beta programme: the feedback summary (counts by kind and status,
ratings per week) and resending an invitation."""

from django.db.models import Avg, Count
from django.db.models.functions import TruncWeek
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .. import services
from ..models import (
    ApplicationStatus,
    ConsentWithdrawal,
    Feedback,
    FeedbackKind,
    FeedbackStatus,
    VolunteerApplication,
)
from ..sections import Section


def kind_status_table():
    """Return rows [(kind label, [count per status…], total)] and the totals per status."""
    counts = {
        (row["kind"], row["status"]): row["n"]
        for row in Feedback.objects.values("kind", "status").annotate(n=Count("pk"))
    }
    rows = []
    for kind in FeedbackKind:
        cells = [counts.get((kind.value, status.value), 0) for status in FeedbackStatus]
        rows.append((kind.label, cells, sum(cells)))
    totals = [sum(row[1][i] for row in rows) for i in range(len(FeedbackStatus))]
    return rows, totals


def ratings_by_week():
    """Return [(week, {section: (average, count)})] for rated feedback, most recent week first."""
    weeks = {}
    rows = (
        Feedback.objects.exclude(rating=None)
        .annotate(week=TruncWeek("created_at"))
        .values("week", "section")
        .annotate(average=Avg("rating"), n=Count("pk"))
        .order_by("-week")
    )
    for row in rows:
        weeks.setdefault(row["week"], {})[row["section"] or ""] = (row["average"], row["n"])
    sections = [(s.value, s.label) for s in Section] + [("", "—")]
    return [
        (week, [by_section.get(value) for value, _label in sections])
        for week, by_section in weeks.items()
    ], sections


def summary(request):
    rows, totals = kind_status_table()
    weeks, sections = ratings_by_week()
    context = {
        "statuses": FeedbackStatus,
        "rows": rows,
        "totals": totals,
        "grand_total": sum(totals),
        "weeks": weeks,
        "sections": sections,
        "withdrawals": ConsentWithdrawal.objects.count(),
        "last_withdrawal": ConsentWithdrawal.objects.first(),
    }
    return TemplateResponse(request, "feedback/admin/summary.html", context)


class ResendInvitationView(PermissionCheckedMixin, TemplateView):
    """Confirm, then send again the invitation of an admitted volunteer (lost, expired, in
    spam): the application stays as it is, its invitation date is updated."""

    model = VolunteerApplication
    permission_required = "change"
    template_name = "feedback/admin/resend_invitation.html"
    index_url_name = "beta_applications:index"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        queryset = VolunteerApplication.objects.select_related("user", "cohort")
        self.application = get_object_or_404(queryset, pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "application": self.application,
            "admitted": self.application.status == ApplicationStatus.ADMITTED,
            "index_url": reverse(self.index_url_name),
        }

    def post(self, request, *args, **kwargs):
        application = self.application
        if application.status != ApplicationStatus.ADMITTED:
            message = _(
                "%(person)s is not admitted: admit them into a cohort, which sends the invitation."
            )
            messages.error(request, message % {"person": application.user})
        else:
            services.send_invitation(application=application)
            messages.success(
                request,
                _("The invitation was sent again to %(email)s.")
                % {"email": application.user.email},
            )
        return redirect(self.index_url_name)
