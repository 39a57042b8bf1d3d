"""Who may propose, comment, vote, collect and moderate: the one place the community decides it."""

from allauth.account.models import EmailAddress

from .models import Visibility

_VERIFIED_CACHE = "_hub_community_verified"


def has_verified_email(user):
    """Return True if `user` has at least one verified email address (cached on the user)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, _VERIFIED_CACHE):
        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
        setattr(user, _VERIFIED_CACHE, verified)
    return getattr(user, _VERIFIED_CACHE)


class CommunityPolicy:
    """Views ask this policy; templates only read what the views computed from it."""

    def can_contribute(self, user):
        return has_verified_email(user)

    def can_comment(self, user):
        return has_verified_email(user)

    def can_vote(self, user):
        # Votes rank resources for everyone: one verified person, one vote.
        return has_verified_email(user)

    def can_bookmark(self, user):
        return user.is_authenticated

    def can_collect(self, user):
        return user.is_authenticated

    def can_report(self, user):
        return user.is_authenticated

    def can_moderate_comments(self, user):
        return user.is_authenticated and user.has_perm("hub_community.change_comment")

    def can_feature_collections(self, user):
        return user.is_authenticated and user.has_perm("hub_community.change_collection")

    def can_view_collection(self, user, collection):
        return collection.visibility == Visibility.PUBLIC or collection.owner_id == user.pk

    def can_change_collection(self, user, collection):
        return user.is_authenticated and collection.owner_id == user.pk


policy = CommunityPolicy()
