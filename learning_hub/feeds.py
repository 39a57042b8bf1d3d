"""RSS and Atom feeds of the hub's newest resources."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from .models import ResourceType

FEED_LENGTH = 30


class RssResourcesFeed(Feed):
    """The newest resources of one hub, newest first."""

    def __init__(self, hub):
        super().__init__()
        self.hub = hub

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(hub)s: new resources") % {"hub": self.hub.title}

    def link(self):
        return self.hub.get_url(self.request)

    def description(self):
        return _("The newest openly licensed resources of %(hub)s.") % {"hub": self.hub.title}

    def items(self):
        return (
            self.hub.get_resources()
            .order_by("-first_published_at", "-pk")
            .prefetch_related("authors")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers render a description as HTML; the summary is the contributor's plain text.
        return escape(item.summary)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [str(ResourceType(item.resource_type).label)]


class AtomResourcesFeed(RssResourcesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
