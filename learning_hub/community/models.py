"""Contributions, comments, bookmarks, "useful" votes and collections of hub resources."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask

RESOURCE_MODEL = "learning_hub.ResourcePage"


class ContributionStatus(models.TextChoices):
    IN_MODERATION = "in_moderation", _("In moderation")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class Contribution(models.Model):
    """A resource a member proposed from the site, and where its review stands."""

    page = models.OneToOneField(
        RESOURCE_MODEL, on_delete=models.CASCADE, related_name="contribution",
        verbose_name=_("resource"),
    )  # fmt: skip
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_contributions",
        verbose_name=_("contributor"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=20, choices=ContributionStatus.choices,
        default=ContributionStatus.IN_MODERATION,
    )  # fmt: skip
    message = models.TextField(
        _("message from the moderators"), blank=True,
        help_text=_("The last comment of a moderator who requested changes or rejected it."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self):
        return str(self.page)

    @property
    def is_editable(self):
        return self.status == ContributionStatus.CHANGES_REQUESTED


class ReasonRequiredForm(TaskStateCommentForm):
    """The contributor reads this message: a request for changes or a refusal must say why."""

    comment = forms.CharField(
        label=_("Message to the contributor"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Tell the contributor what to change, or why.")},
    )


class ContributionReviewTask(AbstractGroupApprovalTask):
    """Group approval of a proposal, with a third way out: reject it for good, with a message.

    Wagtail's own "reject" sends the proposal back for changes; "decline" ends the review.
    """

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.append(("decline", _("Reject for good"), True))
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "decline":
            return super().on_action(task_state, user, action_name, **kwargs)
        from .services import contribution_reject

        contribution_reject(
            page=task_state.workflow_state.content_object.specific,
            user=user,
            message=kwargs.get("comment", ""),
        )
        return None  # Wagtail redirects to what this returns; None keeps its default.

    def get_form_for_action(self, action):
        if action in ("reject", "decline"):
            return ReasonRequiredForm
        return super().get_form_for_action(action)

    @classmethod
    def get_description(cls):
        return _("Moderators approve a proposed resource, request changes or reject it.")

    class Meta:
        verbose_name = _("Contribution review task")
        verbose_name_plural = _("Contribution review tasks")


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by a moderator")
    DELETED = "deleted", _("Deleted")


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=CommentStatus.VISIBLE)

    def reported(self):
        """Return the comments with a report no moderator has dealt with yet."""
        return self.filter(reports__resolved_at__isnull=True).distinct()


class Comment(models.Model):
    """A member's comment on a resource, or a reply to one (one level only)."""

    page = models.ForeignKey(
        RESOURCE_MODEL, on_delete=models.CASCADE, related_name="hub_comments",
        verbose_name=_("resource"),
    )  # fmt: skip
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies",
        verbose_name=_("in reply to"),
    )  # fmt: skip
    # Null once the author's account is erased: the conversation keeps its shape.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="hub_comments", verbose_name=_("author"),
    )  # fmt: skip
    body = models.TextField(_("text"), help_text=_("Sanitised HTML."))
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "parent", "created_at"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return _("Comment #%(pk)s on %(page)s") % {"pk": self.pk, "page": self.page_id}

    @property
    def is_visible(self):
        return self.status == CommentStatus.VISIBLE

    @property
    def excerpt(self):
        """Return the comment as plain text, cut after about 20 words."""
        return Truncator(strip_tags(self.body)).words(20)


class CommentReport(models.Model):
    """A member tells the moderators that a comment breaks the rules."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_comment_reports",
        verbose_name=_("reported by"),
    )  # fmt: skip
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("dealt with at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="hub_community_one_report_per_member"
            )
        ]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")

    def __str__(self):
        return self.reason[:60]


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_bookmarks"
    )
    page = models.ForeignKey(RESOURCE_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="hub_community_one_bookmark")
        ]
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")

    def __str__(self):
        return f"{self.user_id} → {self.page_id}"


class UsefulVote(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_useful_votes"
    )
    page = models.ForeignKey(RESOURCE_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="hub_community_one_vote")
        ]
        verbose_name = _("“useful” vote")
        verbose_name_plural = _("“useful” votes")

    def __str__(self):
        return f"{self.user_id} → {self.page_id}"


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: everyone can see it")
    PRIVATE = "private", _("Private: only you can see it")


class CollectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        public = Q(visibility=Visibility.PUBLIC)
        if user.is_authenticated:
            return self.filter(public | Q(owner=user))
        return self.filter(public)

    def featured(self):
        return self.filter(is_featured=True, visibility=Visibility.PUBLIC)


class Collection(models.Model):
    """An ordered selection of resources made by a member."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_collections",
        verbose_name=_("owner"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    is_featured = models.BooleanField(
        _("featured"), default=False,
        help_text=_("Featured public collections are shown on the hub's home page."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("hub_community:collection", args=[self.pk])

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC


class CollectionItem(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="items", verbose_name=_("collection")
    )
    page = models.ForeignKey(
        RESOURCE_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("resource")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "page"], name="hub_community_resource_once_per_collection"
            )
        ]
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")

    def __str__(self):
        return f"{self.collection_id}:{self.position}"
