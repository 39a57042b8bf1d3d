"""Demo content of the community, loaded after the hub's resources (order 55).

Idempotent: collections, comments and the proposal are found by their title or text before
being made again; votes and bookmarks are set, never toggled twice.
"""

from django.utils.translation import gettext as _

from accounts.models import User

from .models import Bookmark, Collection, Comment, Contribution, UsefulVote, Visibility
from .moderation import ensure_all

MEMBER = "membre@example.org"
STUDENT = "etudiant@example.org"
TEACHER = "enseignant@example.org"

COLLECTIONS = [
    # title, description, visibility, featured (by staff), resource slugs in order
    ("Premiers pas en musique", "Une sélection pour bien débuter, quel que soit l'instrument.",
     Visibility.PUBLIC, True,
     ["solfege-lecture", "gammes-majeures-piano", "detache-violon", "respiration-chant"]),
    ("Autour du baroque", "Tempérament, menuets et registrations : le XVIIIe siècle en pratique.",
     Visibility.PUBLIC, False, ["podcast-baroque", "menuet-bach-partition", "orgue-registration"]),
    ("Mes révisions", "Ce que je travaille cette semaine.", Visibility.PRIVATE, False,
     ["detache-violon", "percussions-polyrythmie"]),
]  # fmt: skip

COMMENTS = [
    # resource slug, author, text, replies [(author, text)]
    ("detache-violon", MEMBER,
     "Très clair, merci ! Faut-il travailler le premier exercice avec ou sans métronome ?",
     [(TEACHER, "Sans métronome d'abord, pour la qualité du son ; puis à 60 à la noire.")]),
    ("gammes-majeures-piano", STUDENT,
     "Les doigtés de la gamme de fa majeur m'ont enfin débloquée.", []),
]  # fmt: skip

PROPOSAL = {
    "title": "Échauffements pour la main gauche au violon",
    "resource_type": "exercise",
    "summary": "Cinq minutes d'exercices pour délier la main gauche avant de jouer.",
    "body_text": (
        "Posez les doigts sans presser, un par un.\n\nPuis glissez d'une position à l'autre."
    ),
    "discipline": "music",
    "level": "beginner",
    "language": "fr",
    "period": "",
    "genre": "",
    "licence": "cc-by-sa",
    "permission_note": "",
    "attribution": "",
    "source_url": "",
    "authors": ["Camille Membre"],
    "works": [],
    "derived_from": [],
    "files": [],
}


def load_demo_community():
    """Create the demo collections, discussion, votes and a proposal in moderation."""
    from learning_hub.models import HubIndexPage, ResourcePage

    users = {user.email: user for user in User.objects.filter(email__in=[MEMBER, STUDENT, TEACHER])}
    hub = HubIndexPage.objects.filter(locale__language_code="fr").first()
    if hub is None or len(users) < 3:
        return [_("Demo community skipped: load the accounts and hub demo content first.")]
    ensure_all()
    resources = {page.slug: page for page in ResourcePage.objects.child_of(hub).live()}
    _collections(users[MEMBER], resources)
    _comments(users, resources)
    _reactions(users, resources)
    _proposal(hub, users[MEMBER])
    return [
        _(
            "Demo community: %(collections)d collections, %(comments)d comments, "
            "a proposal in moderation"
        )
        % {"collections": Collection.objects.count(), "comments": Comment.objects.count()}
    ]


def _collections(owner, resources):
    from .services import collection_add_item

    for title, description, visibility, featured, slugs in COLLECTIONS:
        collection, created = Collection.objects.get_or_create(
            owner=owner, title=title,
            defaults={
                "description": description, "visibility": visibility, "is_featured": featured
            },
        )  # fmt: skip
        if created:
            for slug in slugs:
                if slug in resources:
                    collection_add_item(collection=collection, page=resources[slug])


def _comments(users, resources):
    from .services import comment_add

    for slug, author, text, replies in COMMENTS:
        page = resources.get(slug)
        if page is None or Comment.objects.filter(page=page, body=text).exists():
            continue
        top = comment_add(page=page, author=users[author], body=text)
        for reply_author, reply_text in replies:
            comment_add(page=page, author=users[reply_author], body=reply_text, parent=top)


def _reactions(users, resources):
    from .services import useful_toggle

    for slug in ("detache-violon", "gammes-majeures-piano"):
        page = resources.get(slug)
        if page is None:
            continue
        for user in users.values():
            if not UsefulVote.objects.filter(user=user, page=page).exists():
                useful_toggle(user=user, page=page)
        Bookmark.objects.get_or_create(user=users[MEMBER], page=page)


def _proposal(hub, member):
    from .proposals import contribution_propose

    if Contribution.objects.filter(contributor=member, page__title=PROPOSAL["title"]).exists():
        return
    contribution_propose(hub_index=hub, user=member, data={**PROPOSAL, "instruments": []})
