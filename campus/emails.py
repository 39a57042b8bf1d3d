"""The campus's emails: one plain-text layout, a subject and a message per step."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def send(*, to, subject, message, link="", request=None):
    """Send `message` to the addresses `to` once the transaction commits."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    url = request.build_absolute_uri(link) if (request and link) else link
    body = render_to_string(
        "campus/emails/notice.txt", {"message": message, "link": url, "subject": subject}
    )
    prefixed = _("[Campus] %(subject)s") % {"subject": subject}
    transaction.on_commit(
        lambda: send_mail(prefixed, body, settings.DEFAULT_FROM_EMAIL, recipients)
    )
