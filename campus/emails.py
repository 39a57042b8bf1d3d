"""The campus's emails, each written in its recipient's language with absolute links.

The campus's notices share one plain-text layout (`send`); the assignments sub-app renders
its own templates with the same helpers: `absolute_url`, `language_of` and
`deliver_on_commit`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def absolute_url(path, request=None):
    """Return `path` as an absolute URL: from `request`, or else from WAGTAILADMIN_BASE_URL
    (an email sent from a background step, a publication, has no request)."""
    if not path or urlsplit(path).scheme:
        return path
    if request is not None:
        return request.build_absolute_uri(path)
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/") + path


def language_of(person):
    """Return the language to write to `person`: a user, or an email address (then the
    language of the account with that address, if any), else the site's language."""
    if isinstance(person, str):
        person = get_user_model().objects.filter(email__iexact=person).first()
    return getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE


def deliver_on_commit(messages):
    """Send each (subject, body, address) of `messages` once the transaction commits."""
    if not messages:
        return

    def deliver():
        for subject, body, address in messages:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])

    transaction.on_commit(deliver)


def send(*, to, subject, message, params=None, link="", request=None):
    """Send a notice to each of `to` (users, or addresses) once the transaction commits.

    `subject` and `message` are lazy translations, formatted with `params` in each
    recipient's language; `link` is a path, or a callable returning one (reversed in that
    language), made absolute.
    """
    messages = []
    for person in to:
        address = person if isinstance(person, str) else person.email
        if not address or not getattr(person, "is_active", True):
            continue
        with translation.override(language_of(person)):
            values = {name: str(value) for name, value in (params or {}).items()}
            title = str(subject) % values
            path = link() if callable(link) else link
            body = render_to_string(
                "campus/emails/notice.txt",
                {"message": str(message) % values, "link": absolute_url(path, request)},
            )
            prefixed = _("[Campus] %(subject)s") % {"subject": title}
        messages.append((prefixed, body, address))
    deliver_on_commit(messages)
