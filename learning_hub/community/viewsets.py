"""The community in the Wagtail admin: moderators review reported comments."""

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Comment, CommentStatus
from .services import comment_moderate


class ReportedCommentIndexView(IndexView):
    def get_base_queryset(self):
        return (
            Comment.objects.filter(reports__isnull=False)
            .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
            .select_related("author", "page")
            .order_by("-open_reports", "-created_at")
            .distinct()
        )


class CommentModerationForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["status"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        # Moderators hide or restore; deletion belongs to the author's account erasure.
        self.fields["status"].choices = [
            (CommentStatus.VISIBLE, CommentStatus.VISIBLE.label),
            (CommentStatus.HIDDEN, CommentStatus.HIDDEN.label),
        ]


class CommentModerationView(EditView):
    template_name = "hub_community/admin/comment_moderation.html"
    success_message = _("The comment is moderated and its reports are closed.")

    def save_instance(self):
        return comment_moderate(
            comment=self.form.instance, hide=self.form.instance.status == CommentStatus.HIDDEN
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = self.object.reports.select_related("reporter")
        return context


class ReportedCommentViewSet(ModelViewSet):
    model = Comment
    icon = "warning"
    menu_label = _("Reported comments")
    menu_order = 320
    add_to_admin_menu = True
    url_prefix = "hub/reported-comments"
    index_view_class = ReportedCommentIndexView
    edit_view_class = CommentModerationView
    create_view_enabled = False
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        Column("excerpt", label=_("Comment"), accessor="excerpt"),
        "author",
        "page",
        Column("open_reports", label=_("Open reports")),
        "status",
        "created_at",
    ]
    list_filter = ["status"]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return CommentModerationForm


reported_comment_viewset = ReportedCommentViewSet("hub_reported_comments")
