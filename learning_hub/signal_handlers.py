"""Keep the cached hub pages in step with what they show."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.models import Instrument, NavigationSettings, SiteSettings
from media_pipeline.models import MediaAsset
from studio.models import Recording

from .caching import purge_all
from .models import HubIndexPage, ResourcePage

HUB_PAGES = (HubIndexPage, ResourcePage)


def purge_on_page_change(sender, instance, **kwargs):
    """Forget every cached hub page when a hub page is published, unpublished, moved or deleted.

    The hub home, the search, the feeds and the "derived from" links all list resources,
    so one resource's change reaches many pages.
    """
    if isinstance(instance.specific_deferred, HUB_PAGES):
        purge_all()


def purge_on_shared_change(sender, **kwargs):
    """Forget every cached hub page when something they embed or every page shows changes."""
    purge_all()


def register_signal_handlers():
    for page_class in HUB_PAGES:
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                purge_on_page_change,
                sender=page_class,
                dispatch_uid=f"hub-{signal}-{page_class.__name__}",
            )
    post_page_move.connect(purge_on_page_change, dispatch_uid="hub-page-move")
    page_slug_changed.connect(purge_on_page_change, dispatch_uid="hub-slug-changed")
    shared = (
        PageViewRestriction,  # cache hits do not look restrictions up (see caching.py)
        SiteSettings,
        NavigationSettings,
        Instrument,
        Recording,
        MediaAsset,
        get_document_model(),
        get_image_model(),
    )
    for model in shared:
        for signal in (post_save, post_delete):
            signal.connect(
                purge_on_shared_change,
                sender=model,
                dispatch_uid=f"hub-{id(signal)}-{model.__name__}",
            )
