"""Account workflows that touch several models and storage."""

from django.db import transaction
from django.utils import timezone

from . import gdpr


def _profile_data(user):
    return {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "institution": user.institution,
        "bio": user.bio,
        "instruments": [i.slug for i in user.instruments.all()],
        "avatar": user.avatar.name or None,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in user.emailaddress_set.all()
        ],
        "mfa_methods": sorted(user.authenticator_set.values_list("type", flat=True)),
    }


def account_export(*, user) -> dict:
    """Return everything the platform holds about `user`, section by section."""
    data = {"exported_at": timezone.now().isoformat(), "account": _profile_data(user)}
    for section, exporter in sorted(gdpr.exporters().items()):
        data[section] = exporter(user)
    return data


def account_delete(*, user) -> None:
    """Erase `user`: run every section's eraser, delete the avatar file, then the account.

    The avatar is deleted from storage only once the transaction has committed, so that
    a failure leaves the account and its files as they were.
    """
    avatar = user.avatar.name
    storage = user.avatar.storage
    with transaction.atomic():
        for _section, eraser in sorted(gdpr.erasers().items()):
            eraser(user)
        user.delete()
        if avatar:
            transaction.on_commit(lambda: storage.delete(avatar))
