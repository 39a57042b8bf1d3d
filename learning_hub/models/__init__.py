from .pages import HubIndexPage, ResourceAuthor, ResourcePage, ResourceSource, ResourceWork
from .taxonomy import Discipline, Level, Period, ResourceLanguage, ResourceType

__all__ = [
    "Discipline",
    "HubIndexPage",
    "Level",
    "Period",
    "ResourceAuthor",
    "ResourceLanguage",
    "ResourcePage",
    "ResourceSource",
    "ResourceType",
    "ResourceWork",
]
