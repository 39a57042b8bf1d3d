"""The community's demo content loads after the hub's and twice changes nothing."""

from django.core.management import call_command

from learning_hub.community.models import (
    Collection,
    Comment,
    Contribution,
    ContributionStatus,
    UsefulVote,
)


def load():
    call_command(
        "load_demo_content", "--only", "core", "--only", "accounts", "--only", "learning_hub",
        "--only", "hub_community", verbosity=0,
    )  # fmt: skip


def test_demo_community_is_complete_and_idempotent(db, settings, tmp_path):
    load()
    counts = (Collection.objects.count(), Comment.objects.count(), UsefulVote.objects.count(),
              Contribution.objects.count())  # fmt: skip
    assert counts[0] == 3
    assert Collection.objects.featured().count() == 1
    assert Comment.objects.filter(parent__isnull=False).exists()
    contribution = Contribution.objects.get()
    assert contribution.status == ContributionStatus.IN_MODERATION
    assert contribution.contributor.email == "membre@example.org"
    assert not contribution.page.live
    load()
    assert counts == (Collection.objects.count(), Comment.objects.count(),
                      UsefulVote.objects.count(), Contribution.objects.count())  # fmt: skip
