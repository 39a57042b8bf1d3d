"""Licences as data, and the rules of deriving a resource from another."""

import pytest
from django.utils import translation

from learning_hub.licences import (
    LICENCES,
    LicenceCode,
    LicenceConflict,
    attribution_text,
    check_derivation,
    get_licence,
)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def test_every_licence_is_described():
    assert set(LICENCES) == set(LicenceCode)
    assert all(licence.url.startswith("https://creativecommons.org/") for licence in
               LICENCES.values() if licence.open)  # fmt: skip


@pytest.mark.parametrize(
    ("code", "derivatives", "share_alike", "non_commercial"),
    [
        ("cc0", True, False, False),
        ("cc-by", True, False, False),
        ("cc-by-sa", True, True, False),
        ("cc-by-nc", True, False, True),
        ("cc-by-nc-sa", True, True, True),
        ("cc-by-nd", False, False, False),
        ("cc-by-nc-nd", False, False, True),
        ("arr", False, False, False),
    ],
)
def test_the_flags_of_each_licence(code, derivatives, share_alike, non_commercial):
    licence = get_licence(code)
    assert (licence.allows_derivatives, licence.share_alike, licence.non_commercial) == (
        derivatives,
        share_alike,
        non_commercial,
    )


@pytest.mark.parametrize("source", ["cc-by-nd", "cc-by-nc-nd", "arr"])
def test_deriving_from_a_no_derivatives_work_is_refused(source):
    with pytest.raises(LicenceConflict) as raised:
        check_derivation("cc-by", [("Menuet", source)])
    assert "does not allow derived works" in raised.value.args[0]
    assert "Menuet" in raised.value.args[0]


def test_deriving_from_a_share_alike_work_requires_the_same_licence():
    with pytest.raises(LicenceConflict) as raised:
        check_derivation("cc-by", [("Détaché", "cc-by-sa")])
    assert "choose CC BY-SA 4.0" in raised.value.args[0]
    check_derivation("cc-by-sa", [("Détaché", "cc-by-sa")])


@pytest.mark.parametrize("licence", ["cc0", "cc-by", "cc-by-nc", "arr"])
def test_deriving_from_an_attribution_work_is_allowed_under_any_licence(licence):
    check_derivation(licence, [("Gammes", "cc-by"), ("Domaine public", "cc0")])


def test_every_offending_source_gets_its_message():
    with pytest.raises(LicenceConflict) as raised:
        check_derivation("cc-by", [("A", "cc-by-nd"), ("B", "cc-by-sa"), ("C", "cc0")])
    assert len(raised.value.args) == 2


ALL = ["cc0", "cc-by", "cc-by-sa", "cc-by-nc", "cc-by-nc-sa", "cc-by-nd", "cc-by-nc-nd", "arr"]
# Source licence → the licences a work derived from it may carry.
ALLOWED = {
    "cc0": set(ALL),
    "cc-by": set(ALL),
    "cc-by-sa": {"cc-by-sa"},
    "cc-by-nc": {"cc-by-nc", "cc-by-nc-sa", "cc-by-nc-nd"},
    "cc-by-nc-sa": {"cc-by-nc-sa"},
    "cc-by-nd": set(),
    "cc-by-nc-nd": set(),
    "arr": set(),
}


@pytest.mark.parametrize(("source", "chosen"), [(s, c) for s in ALL for c in ALL])
def test_every_pair_of_source_and_derived_licence(source, chosen):
    if chosen in ALLOWED[source]:
        check_derivation(chosen, [("Source", source)])
    else:
        with pytest.raises(LicenceConflict) as raised:
            check_derivation(chosen, [("Source", source)])
        assert len(raised.value.args) == 1
        assert raised.value.args[0].startswith(f"“Source” is under {get_licence(source).label}")


@pytest.mark.parametrize("chosen", ["cc0", "cc-by", "cc-by-sa", "arr"])
def test_a_work_derived_from_a_non_commercial_one_must_be_non_commercial(chosen):
    with pytest.raises(LicenceConflict) as raised:
        check_derivation(chosen, [("Sonatine", "cc-by-nc")])
    assert raised.value.args == (
        "“Sonatine” is under CC BY-NC 4.0, which forbids commercial use, and so must any work "
        "derived from it: choose CC BY-NC 4.0, CC BY-NC-SA 4.0 or CC BY-NC-ND 4.0.",
    )


@pytest.mark.parametrize("chosen", ["cc-by-nc", "cc-by-sa", "cc-by-nc-nd"])
def test_a_work_derived_from_a_non_commercial_share_alike_one_keeps_exactly_its_licence(chosen):
    with pytest.raises(LicenceConflict) as raised:
        check_derivation(chosen, [("Sonatine", "cc-by-nc-sa")])
    assert raised.value.args[0].endswith("choose CC BY-NC-SA 4.0.")
    check_derivation("cc-by-nc-sa", [("Sonatine", "cc-by-nc-sa")])


@pytest.mark.parametrize("sources", [("cc-by-sa", "cc-by-nc"), ("cc-by-sa", "cc-by-nc-sa")])
def test_sources_no_licence_can_respect_together_are_explained(sources):
    with pytest.raises(LicenceConflict) as raised:
        check_derivation("cc-by-sa", [(code, code) for code in sources])
    labels = ", ".join(sorted(str(get_licence(code).label) for code in sources))
    assert raised.value.args[-1] == (
        f"No licence respects all these sources together ({labels}): derive from fewer of "
        "them, or ask their authors for permission."
    )


def test_a_non_commercial_and_a_non_commercial_share_alike_source_combine():
    check_derivation("cc-by-nc-sa", [("A", "cc-by-nc"), ("B", "cc-by-nc-sa"), ("C", "cc-by")])


def test_the_non_commercial_message_is_in_french_for_french_visitors():
    with translation.override("fr"):
        with pytest.raises(LicenceConflict) as raised:
            check_derivation("cc-by", [("Sonatine", "cc-by-nc")])
        with pytest.raises(LicenceConflict) as clash:
            check_derivation("cc-by-sa", [("A", "cc-by-sa"), ("B", "cc-by-nc")])
    assert raised.value.args == (
        "« Sonatine » est sous licence CC BY-NC 4.0, qui interdit l’usage commercial, et toute "
        "œuvre qui en dérive doit l’interdire aussi : choisissez CC BY-NC 4.0, CC BY-NC-SA 4.0 "
        "ou CC BY-NC-ND 4.0.",
    )
    assert clash.value.args[-1].startswith("Aucune licence ne respecte toutes ces sources")


def test_the_attribution_names_title_authors_licence_and_link():
    text = attribution_text(
        title="Menuet", authors=["Ana", "Bo"], licence_code="cc-by-sa", url="https://x.test/m/"
    )
    assert text == (
        "“Menuet” by Ana, Bo — CC BY-SA 4.0 "
        "(https://creativecommons.org/licenses/by-sa/4.0/) — https://x.test/m/"
    )


def test_the_attribution_of_a_work_with_all_rights_reserved_says_so():
    text = attribution_text(title="Cor", authors=[], licence_code="arr")
    assert text == "“Cor” — all rights reserved, reproduced with permission"


def test_the_messages_are_in_french_for_french_visitors():
    with translation.override("fr"):
        with pytest.raises(LicenceConflict) as raised:
            check_derivation("cc-by", [("Menuet", "cc-by-nd")])
        text = attribution_text(title="Menuet", authors=["Ana"], licence_code="cc0")
    assert raised.value.args[0].startswith("« Menuet » est sous licence CC BY-ND 4.0")
    assert text.startswith("“Menuet” par Ana")
