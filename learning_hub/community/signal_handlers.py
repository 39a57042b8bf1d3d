"""Signal handlers of the hub community, connected once from CommunityConfig.ready()."""

from django.db.models.signals import post_migrate
from wagtail.signals import page_published, task_submitted, workflow_rejected


def contribution_sent_back(sender, instance, user=None, **kwargs):
    """A moderator requested changes: the contributor reads why in "My contributions"."""
    from .services import contribution_changes_requested

    task_state = instance.current_task_state
    contribution_changes_requested(
        page=instance.content_object, message=task_state.comment if task_state else ""
    )


def contribution_in_review(sender, instance, user=None, **kwargs):
    """A resource entered the moderators' review, from the site or the admin (also resubmitted)."""
    from learning_hub.models import ResourcePage

    from .models import ContributionReviewTask
    from .services import contribution_entered_review

    if not isinstance(instance.task.specific, ContributionReviewTask):
        return
    page = instance.workflow_state.content_object.specific_deferred
    if isinstance(page, ResourcePage):
        submitter = user or instance.workflow_state.requested_by
        contribution_entered_review(page=page, user=submitter)


def contribution_went_live(sender, instance, **kwargs):
    from learning_hub.models import ResourcePage

    from .quarantine import release_documents
    from .services import contribution_published

    if isinstance(instance.specific_deferred, ResourcePage):
        # Everything published is readable without an account, its files too.
        release_documents(instance.specific)
    contribution_published(page=instance)


def moderation_after_migrate(sender, app_config=None, **kwargs):
    """Keep every hub home under review and pending proposals' files in quarantine, once all
    apps (and their permissions) exist."""
    from accounts.signal_handlers import _last_app_label

    if app_config is not None and app_config.label == _last_app_label():
        from .moderation import ensure_all
        from .quarantine import quarantine_pending_proposals

        ensure_all()
        quarantine_pending_proposals()


def register_signal_handlers():
    task_submitted.connect(contribution_in_review, dispatch_uid="hub_community_in_review")
    workflow_rejected.connect(contribution_sent_back, dispatch_uid="hub_community_rejected")
    page_published.connect(contribution_went_live, dispatch_uid="hub_community_published")
    post_migrate.connect(moderation_after_migrate, dispatch_uid="hub_community_moderation")
