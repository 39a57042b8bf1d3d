"""Demo accounts: one per role, all with verified email addresses."""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext as _

from .models import User
from .roles import Role

DEMO_PASSWORD = "conservatoire-demo"  # noqa: S105 - printed on purpose, demo data only

# (email, display name, role group or None, is_staff, is_superuser)
DEMO_ACCOUNTS = [
    ("membre@example.org", "Camille Membre", None, False, False),
    ("etudiant@example.org", "Élise Étudiante", None, False, False),
    ("enseignant@example.org", "Hugo Enseignant", Role.TEACHERS, False, False),
    ("benevole@example.org", "Bastien Bénévole", Role.BETA_VOLUNTEERS, False, False),
    ("moderateur@example.org", "Maud Modératrice", Role.MODERATORS, False, False),
    ("equipe@example.org", "Sacha Équipe", Role.STAFF, True, False),
    ("admin@example.org", "Alex Admin", Role.STAFF, True, True),
]


def load_demo_accounts():
    """Create the demo accounts that are missing; return the lines that list them."""
    lines = [_("Demo accounts (password: %(password)s):") % {"password": DEMO_PASSWORD}]
    for email, name, role, is_staff, is_superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"display_name": name, "is_staff": is_staff, "is_superuser": is_superuser},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if role:
            user.groups.add(user.groups.model.objects.get(name=role))
        lines.append(f"  {email:<26} {_describe(role, is_superuser)}")
    return lines


def _describe(role, is_superuser):
    if is_superuser:
        return _("administrator (all rights)")
    if role is None:
        return _("member")
    return str(Role(role).label)
