"""Template context shared by every page of the site."""

from core.shell import SiteShell


def site_shell(request):
    """Expose the header and footer data as `site_shell`, computed only if a template reads it."""
    return {"site_shell": SiteShell(request)}
