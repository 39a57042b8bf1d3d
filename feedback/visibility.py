"""What site search and the sitemap may list of the beta programme's concerns.

The gate refuses the pages of a section that a person may not enter in its phase, and a
survey to whoever it is not addressed to; the same people must not find them listed either.
Registered with `core.visibility.register_page_filter` in `FeedbackConfig.ready()`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, Site, get_page_models

from .models import PhaseSettings, SurveyPage
from .permissions import policy
from .sections import Section


def findable_pages(pages, user):
    """Return `pages` without the pages of sections closed to `user` and without the surveys
    not addressed to them (narrowed with `pk__in` subqueries, as core's search needs)."""
    closed = closed_pages(user)
    if closed is not None:
        pages = pages.exclude(pk__in=closed)
    if not policy.is_team(user):
        addressed = policy.surveys_for(user, SurveyPage.objects.all()).values("pk")
        pages = pages.exclude(pk__in=SurveyPage.objects.exclude(pk__in=addressed).values("pk"))
    return pages


def closed_pages(user):
    """Return the pks (a values queryset) of the pages of sections `user` may not enter in
    the phase of their site, or None when every section is open to them."""
    if user.is_superuser:
        return None
    types = section_page_types()
    if not types:
        return None
    condition = Q()
    for roots, phases in _sites_with_phases():
        closed = [
            content_type
            for section, content_types in types.items()
            if not policy.may_enter(user, phases.phase_of(section))
            for content_type in content_types
        ]
        if closed:
            in_site = Q()
            for path in roots:
                in_site |= Q(path__startswith=path)
            condition |= in_site & Q(content_type__in=closed)
    return Page.objects.filter(condition).values("pk") if condition else None


def section_page_types():
    """Return {section: [content types of the page classes that declare `site_section`]}."""
    models = {}
    for model in get_page_models():
        value = getattr(model, "site_section", None)
        if value in Section.values:
            models.setdefault(Section(value), []).append(model)
    return {
        section: list(ContentType.objects.get_for_models(*classes).values())
        for section, classes in models.items()
    }


def _sites_with_phases():
    """Yield (paths of the site's root page in every language, PhaseSettings) per site."""
    sites = list(Site.objects.select_related("root_page"))
    settings = {phases.site_id: phases for phases in PhaseSettings.objects.filter(site__in=sites)}
    # A site serves its root page's translations too (one tree per language).
    paths = {}
    for key, path in Page.objects.filter(
        translation_key__in=[site.root_page.translation_key for site in sites]
    ).values_list("translation_key", "path"):
        paths.setdefault(key, []).append(path)
    for site in sites:
        roots = paths.get(site.root_page.translation_key, [site.root_page.path])
        yield roots, settings.get(site.pk) or PhaseSettings(site=site)
