"""What the header and footer of every page show, computed once per request and lazily."""

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from core.caching import cache_errors
from core.localization import localize_pages, prefetch_target_pages
from core.models import NavigationSettings, SiteSettings

# The accounts app names its profile page so; core only links to it, never imports it.
PROFILE_URL_NAME = "accounts:profile"
# Pages of allauth: sending people back to them after logging in makes no sense.
_ACCOUNT_URL_NAME_PREFIXES = ("account_", "mfa_")
# The menus, resolved per site and language, are kept in the cache under a generation that
# `invalidate()` replaces whenever a page, a site or the site's settings change. Caches of
# whole pages include it in their stamp, so that they are stale when the shell is.
GENERATION_KEY = "core:shell:generation"
_SNAPSHOT_TIMEOUT = 24 * 60 * 60

logger = logging.getLogger(__name__)


def invalidate():
    """Make every cached site shell stale: its menus are computed again on next use."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except cache_errors() as error:
        # An unreachable cache serves nothing either; a restarted empty one misses.
        logger.warning("Cache unreachable; site shell not invalidated: %s", error)


def _cached(key, read):
    """Return the value kept under `key` for the current generation, else `read()` kept there.

    The generation is read before `read()`, so a change saved meanwhile makes it stale.
    Without a reachable cache, return `read()`.
    """
    try:
        found = cache.get_many([key, GENERATION_KEY])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            generation = cache.get(GENERATION_KEY)
    except cache_errors() as error:
        logger.warning("Cache unreachable, reading the site shell: %s", error)
        return read()
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = read()
    try:
        cache.set(key, (generation, value), _SNAPSHOT_TIMEOUT)
    except cache_errors() as error:
        logger.warning("Cache unreachable, site shell not kept: %s", error)
    return value


@dataclass(frozen=True)
class MenuLink:
    href: str
    text: str
    is_current: bool = False


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    href: str
    is_current: bool


class SiteShell:
    """The header and footer of the site for one request; each part is read on first use."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def identity(self):
        return self._snapshot["identity"] if self.site else SiteSettings.for_request(self.request)

    @cached_property
    def navigation(self):
        if self.site:
            _read_settings(self.request, self.site)
        return NavigationSettings.for_request(self.request)

    @cached_property
    def site_name(self):
        # Without a Wagtail site (an emptied database) there are no settings to read.
        return self.identity.get_site_name() if self.site else settings.WAGTAIL_SITE_NAME

    @cached_property
    def home_url(self):
        home = self._snapshot["home_url"] if self.site else None
        return home or translate_url("/", get_language())

    @cached_property
    def header_links(self):
        return self._links(self._snapshot["header_links"]) if self.site else []

    @cached_property
    def footer_links(self):
        return self._links(self._snapshot["footer_links"]) if self.site else []

    @cached_property
    def accessibility_link(self):
        return self._one_link(self._snapshot["accessibility_link"]) if self.site else None

    @cached_property
    def legal_notice_link(self):
        return self._one_link(self._snapshot["legal_notice_link"]) if self.site else None

    @cached_property
    def accessibility_status(self):
        if not self.site:
            return self.navigation.get_accessibility_status_display()
        return self._snapshot["accessibility_status"]

    @cached_property
    def _snapshot(self):
        """What the shell shows for this site and language: from the cache, else read."""
        return _cached(f"core:shell:{self.site.pk}:{get_language()}", self._read_snapshot)

    def _read_snapshot(self):
        navigation = self.navigation
        header = _link_values(navigation.header_links)
        footer = _link_values(navigation.footer_links)
        self._localize_all([*header, *footer])
        return {
            "identity": SiteSettings.for_request(self.request),
            "home_url": self._page_url(self.site.root_page_id),
            "header_links": self._menu(header),
            "footer_links": self._menu(footer),
            "accessibility_link": self._page_link(navigation.accessibility_page),
            "legal_notice_link": self._page_link(navigation.legal_notice_page),
            "accessibility_status": str(navigation.get_accessibility_status_display()),
        }

    @cached_property
    def login_url(self):
        return self._with_next(reverse("account_login"))

    @cached_property
    def signup_url(self):
        return self._with_next(reverse("account_signup"))

    @cached_property
    def profile_url(self):
        """Return the member's profile page, "" while no app of the project provides one."""
        try:
            return reverse(PROFILE_URL_NAME)
        except NoReverseMatch:
            return ""

    @cached_property
    def _shell_pages(self):
        """The home, accessibility and legal pages in the active language, in one query."""
        return localize_pages(self._fixed_pages())

    def _fixed_pages(self):
        navigation = self.navigation
        home = self.site.root_page if self.site else None
        return [home, navigation.accessibility_page, navigation.legal_notice_page]

    def _localize_all(self, values):
        """Read the menus' pages (`values` from `_link_values`, which hold their ids) and the
        translations of these and of the shell's own pages in the active language, in one
        query; give each value its page and its target, as `prefetch_target_pages` does."""
        language = get_language()
        fixed = [page for page in self._fixed_pages() if page is not None]
        ids = {value["page"] for value in values if value["page"] is not None}
        keys = Q(translation_key__in={page.translation_key for page in fixed}) | Q(
            translation_key__in=Page.objects.filter(pk__in=ids).values("translation_key")
        )
        found = list(
            Page.objects.filter(
                Q(pk__in=ids) | (keys & Q(live=True, locale__language_code=language))
            ).select_related("locale")
        )
        chosen = {page.pk: page for page in found if page.pk in ids}
        translations = {
            page.translation_key: page
            for page in found
            if page.live and page.locale.language_code == language
        }

        def localized(page):
            return translations.get(page.translation_key) or (page if page.live else None)

        self.__dict__["_shell_pages"] = {page.pk: localized(page) for page in fixed}
        for value in values:
            page = chosen.get(value["page"]) if value["page"] is not None else None
            value["page"] = page
            if page is not None:
                value.__dict__.setdefault("_targets", {})[language] = localized(page)

    def _menu(self, values):
        prefetch_target_pages(values)
        links = [(value.href, value.text) for value in values]
        return [(href, text) for href, text in links if href and text]

    def _page_url(self, page_id):
        page = self._shell_pages.get(page_id)
        return page.get_url(self.request) if page else None

    def _page_link(self, page):
        page = self._shell_pages.get(page.pk) if page else None
        url = page.get_url(self.request) if page else None
        return (url, page.title) if url else None

    def _links(self, pairs):
        return [self._link(href, text) for href, text in pairs]

    def _one_link(self, pair):
        return self._link(*pair) if pair else None

    def _link(self, href, text):
        return MenuLink(href=href, text=text, is_current=href == self.request.path)

    def _with_next(self, url):
        match = self.request.resolver_match
        if match is None or (match.url_name or "").startswith(_ACCOUNT_URL_NAME_PREFIXES):
            return url
        return f"{url}?{urlencode({'next': self.request.get_full_path()})}"


def _link_values(stream):
    """Return the link values of the menu `stream` with their page's id in place of the page.

    Reading the values through the stream would read the chosen pages in a query of their
    own; `SiteShell._localize_all` reads them with their translations.
    """
    values = []
    for item in stream.raw_data:
        block = stream.stream_block.child_blocks[item["type"]]
        raw = dict(item["value"])
        page_id = raw.pop("page", None)
        value = block.to_python(raw)  # the page child is None: no query
        value["page"] = page_id
        values.append(value)
    return values


def _read_settings(request, site):
    """Read the navigation and the site settings of `site` in one query, for the request.

    They are then where `for_request()` looks first; either missing, `for_request()`
    creates it as usual.
    """
    for model in (NavigationSettings, SiteSettings):
        if hasattr(request, model.get_cache_attr_name()):
            return
    navigation = (
        NavigationSettings.objects.select_related(
            *NavigationSettings.select_related, "site__sitesettings"
        )
        .filter(site=site)
        .first()
    )
    if navigation is None:
        return
    setattr(request, NavigationSettings.get_cache_attr_name(), navigation)
    navigation._request = request  # as `for_request()` does, for the pages' URLs
    # The site read with them, not the request's: the snapshot keeps the settings, and the
    # request's site carries its root page and whatever routing cached on it.
    identity = getattr(navigation.site, "sitesettings", None)
    if identity is not None:
        identity._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), identity)


def language_links(request, page=None):
    """Return a link per language to this content in that language.

    On a Wagtail page, link to its published translation, else to the home page in that
    language; elsewhere, let Django translate the current URL.
    """
    current = get_language()
    targets = _page_translation_urls(request, page) if isinstance(page, Page) else {}
    links = []
    for code, _name in settings.LANGUAGES:
        href = targets.get(code) or translate_url(request.get_full_path(), code)
        name = get_language_info(code)["name_local"]
        links.append(LanguageLink(code, name[:1].upper() + name[1:], href, code == current))
    return links


def _page_translation_urls(request, page):
    """Return {language: url of `page` in it, else of the home page in it}, cached."""
    site = Site.find_for_request(request)
    if site is None:
        return _read_translation_urls(request, page, None)
    key = f"core:shell:translations:{site.pk}:{page.pk}"
    return _cached(key, lambda: _read_translation_urls(request, page, site))


def _read_translation_urls(request, page, site):
    keys = Q(translation_key=page.translation_key)
    if site is not None:
        keys |= Q(
            translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key")
        )
    found = Page.objects.live().filter(keys).select_related("locale")
    translations = [p for p in found if p.translation_key == page.translation_key]
    homes = [p for p in found if p.translation_key != page.translation_key]
    urls = {}
    for translation in [*translations, *homes]:
        urls.setdefault(translation.locale.language_code, translation.get_url(request))
    return {code: url for code, url in urls.items() if url}


def _invalidate_on_change(sender, instance=None, **kwargs):
    # Imported here: core.models imports from modules that import this one.
    from wagtail.models import Locale

    if isinstance(instance, (Page, Site, Locale, SiteSettings, NavigationSettings)):
        invalidate()


def connect_invalidation():
    """Make cached shells stale whenever what they show may have changed."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (post_save, post_delete, page_published, page_unpublished, post_page_move):
        signal.connect(_invalidate_on_change, dispatch_uid=f"core.shell.{id(signal)}")
