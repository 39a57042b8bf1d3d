"""What the header and footer of every page show, computed once per request and lazily."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from core.localization import localize_pages, prefetch_target_pages
from core.models import NavigationSettings, SiteSettings

# The accounts app names its profile page so; core only links to it, never imports it.
PROFILE_URL_NAME = "accounts:profile"
# Pages of allauth: sending people back to them after logging in makes no sense.
_ACCOUNT_URL_NAME_PREFIXES = ("account_", "mfa_")


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
        return SiteSettings.for_request(self.request)

    @cached_property
    def navigation(self):
        return NavigationSettings.for_request(self.request)

    @cached_property
    def site_name(self):
        # Without a Wagtail site (an emptied database) there are no settings to read.
        return self.identity.get_site_name() if self.site else settings.WAGTAIL_SITE_NAME

    @cached_property
    def home_url(self):
        home = self._shell_pages.get(self.site.root_page_id) if self.site else None
        url = home.get_url(self.request) if home else None
        return url or translate_url("/", get_language())

    @cached_property
    def header_links(self):
        return self._menu(self.navigation.header_links)

    @cached_property
    def footer_links(self):
        return self._menu(self.navigation.footer_links)

    @cached_property
    def accessibility_link(self):
        return self._page_link(self.navigation.accessibility_page)

    @cached_property
    def legal_notice_link(self):
        return self._page_link(self.navigation.legal_notice_page)

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
        navigation = self.navigation
        home = self.site.root_page if self.site else None
        return localize_pages([home, navigation.accessibility_page, navigation.legal_notice_page])

    def _menu(self, stream):
        values = [block.value for block in stream]
        prefetch_target_pages(values)
        links = [(value.href, value.text) for value in values]
        return [self._link(href, text) for href, text in links if href and text]

    def _page_link(self, page):
        page = self._shell_pages.get(page.pk) if page else None
        url = page.get_url(self.request) if page else None
        return self._link(url, page.title) if url else None

    def _link(self, href, text):
        return MenuLink(href=href, text=text, is_current=href == self.request.path)

    def _with_next(self, url):
        match = self.request.resolver_match
        if match is None or (match.url_name or "").startswith(_ACCOUNT_URL_NAME_PREFIXES):
            return url
        return f"{url}?{urlencode({'next': self.request.get_full_path()})}"


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
    urls = {}
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    for translation in translations:
        urls[translation.locale.language_code] = translation.get_url(request)
    site = Site.find_for_request(request)
    if site is not None:
        homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
        for home in homes:
            urls.setdefault(home.locale.language_code, home.get_url(request))
    return {code: url for code, url in urls.items() if url}
