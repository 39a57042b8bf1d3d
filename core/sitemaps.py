"""The site's sitemap: the pages an anonymous visitor may find."""

from django.contrib.auth.models import AnonymousUser
from wagtail.contrib.sitemaps import Sitemap

from core.visibility import findable_pages


class SiteSitemap(Sitemap):
    def items(self):
        return findable_pages(super().items(), AnonymousUser())
