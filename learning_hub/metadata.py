"""What search engines and link previews read about a resource: schema.org and OpenGraph."""

from .models import Level

# schema.org's educationalLevel is free text; these are the usual English terms.
_LEVEL_NAMES = {
    Level.DISCOVERY: "Discovery",
    Level.BEGINNER: "Beginner",
    Level.INTERMEDIATE: "Intermediate",
    Level.ADVANCED: "Advanced",
    Level.PROFESSIONAL: "Professional",
}


def learning_resource(page, *, request, instruments, authors, sources):
    """Return the schema.org `LearningResource` of `page`, as a JSON-LD dictionary."""
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "learningResourceType": page.get_resource_type_display(),
        "educationalLevel": _LEVEL_NAMES.get(page.level, page.level),
        "isAccessibleForFree": True,
        "author": [{"@type": "Person", "name": author.name} for author in authors],
        "about": [instrument.name_en for instrument in instruments] or None,
        "genre": page.genre or None,
        "datePublished": page.first_published_at,
        "dateModified": page.last_published_at,
        "license": page.licence_info.url or None,
        "isBasedOn": [source.get_full_url(request) for source in sources] or None,
    }
    if page.language not in ("none", "other"):
        data["inLanguage"] = page.language
    return {key: value for key, value in data.items() if value not in (None, [], "")}
