"""Keep the cached hub pages in step with what they show."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.models import Instrument, NavigationSettings, SiteSettings
from media_pipeline.models import MediaAsset
from studio.models import Recording

from .caching import purge_all, purge_listings, purge_member, purge_shell
from .community.models import Collection, CollectionItem
from .models import HubIndexPage, ResourcePage

HUB_PAGES = (HubIndexPage, ResourcePage)
# What `User.public_name` is made of.
NAME_FIELDS = frozenset({"display_name", "first_name", "last_name"})


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


def purge_shell_on_change(sender, **kwargs):
    """Forget the site shell of every cached page when a page is published, unpublished,
    moved or deleted, or a site or a locale changes.

    The shell's menus list pages; core forgets them at once, the hub again on commit.
    """
    purge_shell()


def remember_featured(sender, instance, raw=False, **kwargs):
    """Note whether the collection about to be saved is shown on the hub's home until now."""
    instance._hub_was_featured = (
        not raw
        and instance.pk is not None
        and Collection.objects.featured().filter(pk=instance.pk).exists()
    )


def purge_on_collection_change(sender, instance, **kwargs):
    """Forget the listings when a collection that the hub's home shows, or showed, changes."""
    shown = instance.is_featured and instance.is_public
    if shown or getattr(instance, "_hub_was_featured", False):
        purge_listings()


def purge_on_collection_item_change(sender, instance, **kwargs):
    """Forget the listings when a resource joins, moves in or leaves a featured collection."""
    if Collection.objects.featured().filter(pk=instance.collection_id).exists():
        purge_listings()


def purge_on_name_change(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    """Forget the cached pages that show a member's public name when it may have changed."""
    if created or raw or (update_fields is not None and not NAME_FIELDS & set(update_fields)):
        return
    purge_member(instance)


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
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_shell_on_change, dispatch_uid=f"hub-shell-{id(signal)}")
    post_delete.connect(purge_shell_on_change, sender=Page, dispatch_uid="hub-shell-page-delete")
    for model in (Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(
                purge_shell_on_change,
                sender=model,
                dispatch_uid=f"hub-shell-{id(signal)}-{model.__name__}",
            )
    pre_save.connect(remember_featured, sender=Collection, dispatch_uid="hub-collection-pre")
    for signal in (post_save, post_delete):
        signal.connect(
            purge_on_collection_change, sender=Collection, dispatch_uid=f"hub-col-{id(signal)}"
        )
        signal.connect(
            purge_on_collection_item_change,
            sender=CollectionItem,
            dispatch_uid=f"hub-col-item-{id(signal)}",
        )
    post_save.connect(purge_on_name_change, sender=get_user_model(), dispatch_uid="hub-names")
