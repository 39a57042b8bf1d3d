"""The hub's moderation set-up: its workflow and who may edit resources in the admin.

Every function here is idempotent: it runs after each migration, when the demo loads and
before each proposal, and changes nothing once things are in place.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from accounts.roles import Role

from .models import ContributionReviewTask

WORKFLOW_NAME = "Hub contributions"
TASK_NAME = "Moderator review"
PAGE_PERMISSIONS = {
    # Teachers create resources and edit their own; a moderator reviews them.
    Role.TEACHERS: ["add_page"],
    Role.MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Shown in the admin; the names above stay English so that lookups never depend on a language.
_LABELS = (_("Hub contributions"), _("Moderator review"))


@transaction.atomic
def ensure_moderation(hub_index):
    """Put `hub_index` and its resources under the moderators' review; return the workflow."""
    moderators, _created = Group.objects.get_or_create(name=Role.MODERATORS)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task, _created = ContributionReviewTask.objects.get_or_create(name=TASK_NAME)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=hub_index, defaults={"workflow": workflow})
    grant_page_permissions(hub_index)
    return workflow


def grant_page_permissions(hub_index):
    """Let Teachers and Moderators create (and moderators review) resources in the admin."""
    for role, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=hub_index, permission=permission
            )


def ensure_all():
    """Set up moderation on every hub home that exists."""
    from learning_hub.models import HubIndexPage

    for hub_index in HubIndexPage.objects.all():
        ensure_moderation(hub_index)


def quiet_admin_notifications(user):
    """Stop Wagtail's admin emails to a contributor who cannot open the admin.

    They link to admin screens the member cannot use; the community sends its own.
    """
    if user.has_perm("wagtailadmin.access_admin"):
        return
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = False
        profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])
