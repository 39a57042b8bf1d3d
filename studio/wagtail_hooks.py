"""Admin integration of the studio: its screens, its menu, its permission policy."""

from django.urls import include, path
from wagtail import hooks
from wagtail.permission_policies import OwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Recording
from .viewsets import StudioViewSetGroup, recording_chooser_viewset

# Teachers (add permission) edit their own recordings; staff (change permission) all of them.
register_permission_policy(
    Recording, OwnershipPermissionPolicy(Recording, owner_field_name="owner")
)


@hooks.register("register_admin_urls")
def register_studio_admin_urls():
    return [path("studio/", include("studio.admin_urls"))]


@hooks.register("register_admin_viewset")
def register_studio_viewsets():
    return [StudioViewSetGroup(), recording_chooser_viewset]
