"""The summary of the feedback in the admin: counts by kind and status, ratings per week."""

from django.db.models import Avg, Count
from django.db.models.functions import TruncWeek
from django.template.response import TemplateResponse

from ..models import ConsentWithdrawal, Feedback, FeedbackKind, FeedbackStatus
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
