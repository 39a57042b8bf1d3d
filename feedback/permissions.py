"""Who may enter a section in its phase, send feedback and answer a survey: decided here only."""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.roles import Role

from .models.volunteers import ApplicationStatus, VolunteerApplication

_ADMITTED = {
    "closed": {Role.STAFF},
    "internal": {Role.STAFF, Role.TEACHERS},
    "beta": {Role.STAFF, Role.TEACHERS, Role.BETA_VOLUNTEERS},
}


def roles_of(user):
    """Return the set of Role values of `user`, cached on the user for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_feedback_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._feedback_roles = cached
    return cached


class BetaPolicy:
    """Permission policy of the beta programme; views and hooks ask it, templates never decide."""

    def is_team(self, user):
        return user.is_authenticated and (user.is_superuser or Role.STAFF in roles_of(user))

    def is_volunteer(self, user):
        return Role.BETA_VOLUNTEERS in roles_of(user)

    def may_enter(self, user, phase):
        """Return whether `user` may enter a section open in `phase` (a Phase value)."""
        if phase == "public" or user.is_superuser:
            return True
        return bool(roles_of(user) & _ADMITTED[phase])

    def can_give_feedback(self, user, phases):
        """Return whether the feedback button is offered to `user` (phases: PhaseSettings)."""
        if phases is not None and phases.feedback_for_everyone:
            return True
        return self.is_volunteer(user) or self.is_team(user)

    def can_answer_survey(self, user, survey):
        if self.is_team(user):
            return True
        if not self.is_volunteer(user):
            return False
        application = (
            getattr(user, "volunteer_application", None) if user.is_authenticated else None
        )
        if application is None or application.status != ApplicationStatus.ADMITTED:
            return False
        return survey.cohort_id is None or application.cohort_id == survey.cohort_id

    def surveys_for(self, user, surveys):
        """Return the queryset `surveys` narrowed to those `user` may answer (as above)."""
        if self.is_team(user):
            return surveys
        if not self.is_volunteer(user):
            return surveys.none()
        admitted = VolunteerApplication.objects.filter(user=user, status=ApplicationStatus.ADMITTED)
        cohorts = list(admitted.values_list("cohort", flat=True))  # [] when not admitted
        if not cohorts:
            return surveys.none()
        return surveys.filter(Q(cohort=None) | Q(cohort=cohorts[0]))


policy = BetaPolicy()


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Grant at most `view`, even to superusers: an admin screen of a record kept as history
    then offers no add, edit or delete link (to views that do not exist)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)
