"""Load every app's demo content (see `core.demo`); safe to run again."""

import contextlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from core import demo


@contextlib.contextmanager
def _no_email():
    """Drop the emails that demo actions send (proposals, enrolments…) to made-up people."""
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = backend


class Command(BaseCommand):
    help = "Create every app's demo pages, accounts and content; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            metavar="NAME",
            help="Run only the loader NAME (repeatable). Loaders: see --list.",
        )
        parser.add_argument(
            "--list", dest="list_loaders", action="store_true", help="List the loaders and stop."
        )

    def handle(self, *args, only=None, list_loaders=False, **options):
        loaders = demo.loaders()
        if list_loaders:
            for loader in loaders:
                self.stdout.write(f"{loader.order:>4}  {loader.name}")
            return
        if only:
            unknown = set(only) - {loader.name for loader in loaders}
            if unknown:
                raise CommandError(f"Unknown loader(s): {', '.join(sorted(unknown))}")
            loaders = [loader for loader in loaders if loader.name in only]
        with _no_email():
            for loader in loaders:
                # One transaction per loader: a failure leaves no half-built content behind.
                with transaction.atomic():
                    lines = loader.function()
                for line in lines or []:
                    self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo content loaded (%(count)d loaders).") % {"count": len(loaders)}
            )
        )
