from .pages import HomePage, StandardPage
from .site_settings import AccessibilityStatus, NavigationSettings, SiteSettings
from .taxonomy import Instrument, InstrumentFamily

__all__ = [
    "AccessibilityStatus",
    "HomePage",
    "Instrument",
    "InstrumentFamily",
    "NavigationSettings",
    "SiteSettings",
    "StandardPage",
]
