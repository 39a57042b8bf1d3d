"""Admin integration of the hub community: the reported comments screen."""

from wagtail import hooks

from .viewsets import reported_comment_viewset


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return reported_comment_viewset
