"""The platform's user: email as login, a public display name and a musician's profile."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .validators import validate_avatar


class UserManager(BaseUserManager):
    """Create users identified by their email address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        """Return a new active member (not staff)."""
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        """Return a new superuser; raise ValueError if the flags contradict it."""
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)


def avatar_upload_to(instance, filename):
    """Return a storage path that reveals neither the user's email nor the original name."""
    suffix = PurePosixPath(filename).suffix.lower()[:5]
    return f"avatars/{uuid.uuid4().hex}{suffix}"


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("The name other people see next to your contributions."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the emails the platform sends you."),
    )
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    instruments = models.ManyToManyField(
        "core.Instrument", verbose_name=_("instruments"), blank=True, related_name="users"
    )
    avatar = models.ImageField(
        _("avatar"), upload_to=avatar_upload_to, blank=True, validators=[validate_avatar]
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.public_name

    def get_absolute_url(self):
        return reverse("accounts:profile")

    @property
    def public_name(self):
        """Return the name shown to others: never the email address."""
        full_name = self.get_full_name()
        return self.display_name or full_name or _("Member #%(id)s") % {"id": self.pk}

    def has_role(self, role):
        """Return True if the user belongs to the group of `role` (a `roles.Role`)."""
        return self.groups.filter(name=role).exists()
