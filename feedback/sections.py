"""Which section of the site a request belongs to, told without importing the sections.

Wagtail page classes declare `site_section = "campus"` (or "hub"); non-page views are
recognised by the namespace of their URL module. This is the one table of that convention.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    CAMPUS = "campus", _("Campus")
    HUB = "hub", _("Learning Hub")
    STUDIO = "studio", _("Studio")


NAMESPACES = {
    "campus": Section.CAMPUS,
    "campus_assignments": Section.CAMPUS,
    "learning_hub": Section.HUB,
    "hub_community": Section.HUB,
    "studio": Section.STUDIO,
    "studio_media": Section.STUDIO,
}

# The studio also serves other apps' media: uploads made for a purpose (a campus
# assignment) and the assets they became. They belong to the section of that purpose;
# the assets' own access rules (the student, the course's teachers) guard the files.
UPLOAD_PURPOSES = {"assignment": Section.CAMPUS}
STUDIO_RECORDING_MEDIA = "file"

# Namespaces that answer media or JSON: a refusal there is a short 403, not a page.
MACHINE_NAMESPACES = {"studio_media"}


def section_for_page(page):
    """Return the section of a Wagtail page (specific or not), or None outside every section."""
    value = getattr(page.specific_class, "site_section", None) if page is not None else None
    return Section(value) if value in Section.values else None


def section_for_match(match):
    """Return the section of a resolved URL (`ResolverMatch`), or None outside every section."""
    if match is None:
        return None
    if "studio_media" in match.namespaces and match.url_name != STUDIO_RECORDING_MEDIA:
        return UPLOAD_PURPOSES.get(match.kwargs.get("purpose"))
    for namespace in match.namespaces:
        if namespace in NAMESPACES:
            return NAMESPACES[namespace]
    return None
