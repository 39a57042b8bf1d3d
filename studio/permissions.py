"""Who may see, add and change recordings: the one place the studio decides it.

Course-restricted recordings are decided by rules that higher apps register from their
`AppConfig.ready()` (the campus knows who studies what; the studio does not):

    permissions.register_access_rule(lambda user, recording: ...)  # True grants access
"""

from collections.abc import Callable

from django.db.models import Q

from .models import Visibility

_access_rules: list[Callable] = []


def register_access_rule(rule):
    """Register `rule(user, recording) -> bool` that may grant access to a course recording."""
    if rule not in _access_rules:
        _access_rules.append(rule)


class RecordingPolicy:
    """Permission policy of recordings; views ask it, templates never decide."""

    def can_add(self, user):
        return user.is_authenticated and user.has_perm("studio.add_recording")

    def can_manage_all(self, user):
        return user.is_authenticated and user.has_perm("studio.change_recording")

    def can_change(self, user, recording):
        if not user.is_authenticated:
            return False
        return self.can_manage_all(user) or (recording.owner_id == user.pk and self.can_add(user))

    def can_view(self, user, recording):
        if recording.visibility == Visibility.PUBLIC:
            return True
        if not user.is_authenticated:
            return False
        if recording.owner_id == user.pk or self.can_manage_all(user):
            return True
        if recording.visibility == Visibility.MEMBERS:
            return True
        if recording.visibility == Visibility.COURSE:
            return any(rule(user, recording) for rule in _access_rules)
        return False

    def editable(self, user, queryset):
        """Return the recordings of `queryset` that `user` may edit."""
        return queryset if self.can_manage_all(user) else queryset.filter(owner=user)

    def choosable(self, user, queryset):
        """Return the recordings of `queryset` that `user` may place in a page.

        Someone else's private or course recording is left out: a lesson playing it would open
        it to that lesson's students and teachers (see the campus's access rule).
        """
        if self.can_manage_all(user):
            return queryset
        shared = Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
        return queryset.filter(shared | Q(owner_id=user.pk))


policy = RecordingPolicy()
