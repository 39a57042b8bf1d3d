"""Members' collections of resources: list, page, create, edit, order, feature."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..forms import AddToCollectionForm, CollectionForm
from ..models import Collection, CollectionItem, Visibility
from ..permissions import policy
from ..services import (
    CommunityError,
    collection_add_item,
    collection_changed,
    collection_move_item,
    collection_set_featured,
)
from .common import back_to_resource, live_resource

PER_PAGE = 24


@require_GET
def collection_list(request):
    counted = Collection.objects.annotate(
        resource_count=Count("items", filter=Q(items__page__live=True))
    ).select_related("owner")
    public = counted.filter(visibility=Visibility.PUBLIC).order_by("-is_featured", "-updated_at")
    page_obj = Paginator(public, PER_PAGE).get_page(request.GET.get("page"))
    mine = counted.filter(owner=request.user) if request.user.is_authenticated else None
    return render(
        request,
        "hub_community/collection_list.html",
        {"page_obj": page_obj, "mine": mine, "can_collect": policy.can_collect(request.user)},
    )


@require_GET
def collection_detail(request, pk):
    collection = _visible_collection(request, pk)
    items = list(collection.items.filter(page__live=True).select_related("page"))
    return render(
        request,
        "hub_community/collection_detail.html",
        {
            "collection": collection,
            "items": items,
            "can_change": policy.can_change_collection(request.user, collection),
            "can_feature": policy.can_feature_collections(request.user) and collection.is_public,
        },
    )


@login_required
def collection_create(request):
    resource = None
    if request.GET.get("resource") or request.POST.get("resource"):
        resource = live_resource(request.GET.get("resource") or request.POST.get("resource"))
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        collection = form.save()
        if resource is not None:
            collection_add_item(collection=collection, page=resource)
        messages.success(
            request, _("Your collection “%(title)s” is created.") % {"title": collection.title}
        )
        return redirect(collection)
    return render(
        request, "hub_community/collection_form.html", {"form": form, "resource": resource},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@login_required
def collection_edit(request, pk):
    collection = _own_collection(request, pk)
    form = CollectionForm(request.POST or None, instance=collection)
    if request.method == "POST" and form.is_valid():
        collection = form.save()
        collection_changed(collection)
        if not collection.is_public and collection.is_featured:
            collection_set_featured(collection=collection, featured=False)
        messages.success(request, _("Your collection is saved."))
        return redirect(collection)
    return render(
        request, "hub_community/collection_form.html", {"form": form, "collection": collection},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@login_required
def collection_delete(request, pk):
    collection = _own_collection(request, pk)
    if request.method == "POST":
        collection_changed(collection)
        collection.delete()
        messages.success(
            request, _("The collection “%(title)s” is deleted.") % {"title": collection.title}
        )
        return redirect("hub_community:collections")
    return render(request, "hub_community/collection_delete.html", {"collection": collection})


@require_POST
@login_required
def collection_add(request, page_id):
    page = live_resource(page_id)
    form = AddToCollectionForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, form.errors["collection"][0])
        return back_to_resource(request, page)
    collection = form.cleaned_data["collection"]
    if collection_add_item(collection=collection, page=page):
        messages.success(request, _("Added to “%(title)s”.") % {"title": collection.title})
    else:
        messages.info(
            request, _("This resource is already in “%(title)s”.") % {"title": collection.title}
        )
    return back_to_resource(request, page, f"#community-heading-{page.pk}")


@require_POST
@login_required
def item_remove(request, pk, item_pk):
    collection = _own_collection(request, pk)
    get_object_or_404(CollectionItem, pk=item_pk, collection=collection).delete()
    collection_changed(collection)
    messages.success(request, _("The resource is removed from the collection."))
    return redirect(collection)


@require_POST
@login_required
def item_move(request, pk, item_pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    collection = _own_collection(request, pk)
    item = get_object_or_404(CollectionItem, pk=item_pk, collection=collection)
    collection_move_item(item=item, offset=-1 if direction == "up" else 1)
    return redirect(f"{collection.get_absolute_url()}#item-{item.pk}")


@require_POST
@login_required
def collection_feature(request, pk):
    if not policy.can_feature_collections(request.user):
        raise PermissionDenied
    collection = get_object_or_404(Collection, pk=pk)
    featured = request.POST.get("featured") == "1"
    try:
        collection_set_featured(collection=collection, featured=featured)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The collection is featured on the hub's home.") if featured
            else _("The collection is no longer featured."),
        )  # fmt: skip
    return redirect(collection)


def _visible_collection(request, pk):
    collection = get_object_or_404(Collection.objects.select_related("owner"), pk=pk)
    # A private collection answers like one that does not exist.
    if not policy.can_view_collection(request.user, collection):
        raise Http404
    return collection


def _own_collection(request, pk):
    collection = get_object_or_404(Collection, pk=pk)
    if not policy.can_change_collection(request.user, collection):
        raise Http404
    return collection
