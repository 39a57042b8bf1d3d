"""Licences a hub resource may carry, as data, and the rules for deriving one work from another.

Pure logic: no models, no I/O. Forms turn `LicenceConflict` into messages on the licence
field; templates read names, URLs and attribution texts from here.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class LicenceCode(models.TextChoices):
    """The licences a resource may carry (the codes match the studio's recordings)."""

    CC0 = "cc0", "CC0 1.0"
    CC_BY = "cc-by", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa", "CC BY-NC-SA 4.0"
    CC_BY_ND = "cc-by-nd", "CC BY-ND 4.0"
    CC_BY_NC_ND = "cc-by-nc-nd", "CC BY-NC-ND 4.0"
    ALL_RIGHTS_RESERVED = "arr", _("All rights reserved, published with permission")


@dataclass(frozen=True)
class Licence:
    """What a licence is called, where its legal text lives and what it allows."""

    code: str
    name: str
    url: str
    allows_derivatives: bool
    share_alike: bool
    non_commercial: bool
    requires_attribution: bool
    open: bool

    @property
    def label(self):
        """Return the short name shown to readers, translated for "all rights reserved"."""
        return LicenceCode(self.code).label


def _cc(code, slug, *, derivatives=True, share_alike=False, non_commercial=False):
    return Licence(
        code=code,
        name=f"Creative Commons {slug.upper()} 4.0",
        url=f"https://creativecommons.org/licenses/{slug}/4.0/",
        allows_derivatives=derivatives,
        share_alike=share_alike,
        non_commercial=non_commercial,
        requires_attribution=True,
        open=True,
    )


LICENCES = {
    LicenceCode.CC0: Licence(
        code=LicenceCode.CC0,
        name="Creative Commons CC0 1.0",
        url="https://creativecommons.org/publicdomain/zero/1.0/",
        allows_derivatives=True,
        share_alike=False,
        non_commercial=False,
        requires_attribution=False,
        open=True,
    ),
    LicenceCode.CC_BY: _cc(LicenceCode.CC_BY, "by"),
    LicenceCode.CC_BY_SA: _cc(LicenceCode.CC_BY_SA, "by-sa", share_alike=True),
    LicenceCode.CC_BY_NC: _cc(LicenceCode.CC_BY_NC, "by-nc", non_commercial=True),
    LicenceCode.CC_BY_NC_SA: _cc(
        LicenceCode.CC_BY_NC_SA, "by-nc-sa", share_alike=True, non_commercial=True
    ),
    LicenceCode.CC_BY_ND: _cc(LicenceCode.CC_BY_ND, "by-nd", derivatives=False),
    LicenceCode.CC_BY_NC_ND: _cc(
        LicenceCode.CC_BY_NC_ND, "by-nc-nd", derivatives=False, non_commercial=True
    ),
    LicenceCode.ALL_RIGHTS_RESERVED: Licence(
        code=LicenceCode.ALL_RIGHTS_RESERVED,
        name="All rights reserved",
        url="",
        allows_derivatives=False,
        share_alike=False,
        non_commercial=False,
        requires_attribution=True,
        open=False,
    ),
}


class LicenceConflict(ValueError):
    """Raised when a resource's licence does not respect the licence of a work it derives from."""


def get_licence(code):
    """Return the `Licence` for `code`; raise `KeyError` for an unknown code."""
    return LICENCES[LicenceCode(code)]


def check_derivation(licence_code, sources):
    """Check that a work under `licence_code` may derive from `sources`.

    `sources` is a sequence of `(title, licence_code)` pairs. Return nothing when every
    source allows it; raise `LicenceConflict` whose args are the messages, one per
    offending source (and one more when the sources cannot be combined at all): a source
    that forbids derivatives (ND, all rights reserved) cannot be adapted, a share-alike
    source requires exactly its licence (CC BY-NC-SA stays CC BY-NC-SA), and a
    non-commercial source requires a non-commercial licence.
    """
    chosen = get_licence(licence_code)
    problems = [
        problem
        for title, source_code in sources
        if (problem := _derivation_problem(chosen, title, get_licence(source_code)))
    ]
    clash = _incompatible_sources([get_licence(code) for _title, code in sources])
    if clash:
        problems.append(clash)
    if problems:
        raise LicenceConflict(*problems)


def _derivation_problem(chosen, title, source):
    values = {"title": title, "licence": source.label}
    if not source.allows_derivatives:
        return (
            gettext(
                "“%(title)s” is under %(licence)s, which does not allow derived works: "
                "remove it from the sources or ask its authors for permission."
            )
            % values
        )
    if source.share_alike and chosen.code != source.code:
        return (
            gettext(
                "“%(title)s” is under %(licence)s, which requires works derived from it "
                "to use the same licence: choose %(licence)s."
            )
            % values
        )
    if source.non_commercial and not chosen.non_commercial:
        return gettext(
            "“%(title)s” is under %(licence)s, which forbids commercial use, and so must "
            "any work derived from it: choose %(choices)s."
        ) % {**values, "choices": _non_commercial_choices()}
    return None


def _incompatible_sources(sources):
    """Return a message if no licence satisfies every source together, else None."""
    adaptable = [source for source in sources if source.allows_derivatives]
    required = {source.code for source in adaptable if source.share_alike}
    non_commercial = any(source.non_commercial for source in adaptable)
    if len(required) > 1 or (
        required and non_commercial and not get_licence(next(iter(required))).non_commercial
    ):
        return gettext(
            "No licence respects all these sources together (%(licences)s): derive from "
            "fewer of them, or ask their authors for permission."
        ) % {"licences": ", ".join(sorted({str(source.label) for source in adaptable}))}
    return None


def _non_commercial_choices():
    *first, last = [str(licence.label) for licence in LICENCES.values() if licence.non_commercial]
    return gettext("%(list)s or %(last)s") % {"list": ", ".join(first), "last": last}


def attribution_text(*, title, authors, licence_code, url=""):
    """Return a ready-made attribution line, e.g. “Title” by A, B — CC BY 4.0 (url)."""
    licence = get_licence(licence_code)
    parts = [f"“{title}”"]
    if authors:
        parts.append(gettext("by %(authors)s") % {"authors": ", ".join(authors)})
    text = " ".join(parts)
    if licence.open:
        text += f" — {licence.label}"
        if licence.url:
            text += f" ({licence.url})"
    else:
        text += " — " + gettext("all rights reserved, reproduced with permission")
    if url:
        text += " — " + url
    return text
