"""The facet values of a hub's resources as bitsets: any selection is counted in memory.

Bit `i` of every set stands for the `i`-th resource, newest first. A facet value's set has
the bits of the resources that have it; a selection is then a few AND and OR of integers,
and a count is `int.bit_count()`: counting the six facets of any search costs no query and
well under a millisecond, however many resources match.

The index is read in one query and kept in this process for as long as the hub's
listings do not change (see `caching.listing_stamp()`): a publish, an unpublish, a move or
a vote builds a new one on the next search.
"""

from dataclasses import dataclass

from .models import ResourcePage

_INSTRUMENT_COLUMNS = ("instruments__slug", "instruments__name_fr", "instruments__name_en")
# What a result's card shows besides the facets' fields (`resource_card.html`).
_CARD_FIELDS = ("useful_count", "title", "url_path", "summary")
_built = {}  # hub pk → (stamp, FacetIndex): the index of the current listings only


@dataclass(frozen=True)
class FacetIndex:
    ids: tuple  # resource pks, newest first: bit i is ids[i]
    positions: dict  # pk → bit
    values: dict  # facet param → {value: bitset}
    useful_order: tuple  # bits, most useful first (ties: newest first)
    instruments: tuple  # (slug, French name, English name) of the resources', by French name
    card_fields: tuple  # the fields a result's card shows…
    cards: tuple  # …and their values, per bit

    @property
    def everything(self):
        return (1 << len(self.ids)) - 1

    @property
    def instrument_slugs(self):
        return {slug for slug, _fr, _en in self.instruments}

    def resource(self, pk):
        """Return an unsaved ResourcePage with what the card of resource `pk` shows."""
        values = dict(zip(self.card_fields, self.cards[self.positions[pk]], strict=True))
        return ResourcePage(id=pk, live=True, **values)

    def bits_of(self, pks):
        """Return the bitset of the resources `pks` (unknown ones are left out)."""
        flags = bytearray((len(self.ids) + 7) // 8)
        positions = self.positions
        for pk in pks:
            bit = positions.get(pk)
            if bit is not None:
                flags[bit >> 3] |= 1 << (bit & 7)
        return int.from_bytes(flags, "little")

    def selection(self, selected, *, skip=None):
        """Return the bitset of the resources that pass every facet of `selected` but `skip`.

        Values of one facet combine with OR, facets with AND.
        """
        bits = self.everything
        for param, chosen in selected.items():
            if param == skip or not chosen:
                continue
            values = self.values.get(param, {})
            union = 0
            for value in chosen:
                union |= values.get(value, 0)
            bits &= union
        return bits

    def counts(self, within, selected):
        """Return {facet param: {value: count}} within `within`, each facet ignoring its own
        selection (disjunctive facets)."""
        counts = {}
        for param, values in self.values.items():
            base = within & self.selection(selected, skip=param)
            counts[param] = {
                value: (bits & base).bit_count() for value, bits in values.items() if bits & base
            }
        return counts

    def newest(self, bits, start, stop):
        """Return the pks of `bits` from the `start`-th to before the `stop`-th, newest first."""
        found, ids, index = [], self.ids, 0
        while bits and index < stop:
            lowest = bits & -bits
            if index >= start:
                found.append(ids[lowest.bit_length() - 1])
            bits ^= lowest
            index += 1
        return found

    def in_order(self, order, bits, start, stop):
        """Return the pks of `bits` from `start` to `stop` in `order` (a sequence of bits)."""
        flags = bits.to_bytes((len(self.ids) + 7) // 8, "little")
        found, index = [], 0
        for bit in order:
            if flags[bit >> 3] >> (bit & 7) & 1:
                if index >= start:
                    found.append(self.ids[bit])
                index += 1
                if index >= stop:
                    break
        return found

    def ordered_pks(self, pks, bits, start, stop):
        """Return the pks of `bits` from `start` to `stop` in the order of `pks`."""
        order = (self.positions[pk] for pk in pks if pk in self.positions)
        return self.in_order(order, bits, start, stop)


def build(resources, *, fields, instrument):
    """Return the FacetIndex of the queryset `resources`, in one query.

    `fields` maps the URL parameter of each single-valued facet to its field; `instrument`
    is the parameter of the instruments' facet. The query has a row per resource and
    instrument (one with none for a resource without instruments): those of one resource
    follow one another, as they are ordered by resource. It also reads what the cards of
    the results show, so that a page of results costs no query.
    """
    card_fields = (*fields.values(), *_CARD_FIELDS)
    rows = resources.order_by("-first_published_at", "-pk").values_list(
        "pk", *_INSTRUMENT_COLUMNS, *card_fields
    )
    ids, cards, labels = [], [], {}
    members = {param: {} for param in [*fields, instrument]}
    for pk, slug, name_fr, name_en, *card in rows:
        if not ids or ids[-1] != pk:
            bit = len(ids)
            ids.append(pk)
            cards.append(tuple(card))
            for param, value in zip(fields, card, strict=False):
                members[param].setdefault(value, []).append(bit)
        if slug is not None:
            labels[slug] = (name_fr, name_en)
            members[instrument].setdefault(slug, []).append(len(ids) - 1)
    useful = card_fields.index("useful_count")
    instruments = sorted(
        ((slug, name_fr, name_en) for slug, (name_fr, name_en) in labels.items()),
        key=lambda row: (row[1], row[0]),
    )
    return FacetIndex(
        ids=tuple(ids),
        positions={pk: bit for bit, pk in enumerate(ids)},
        values={param: _bitsets(found, len(ids)) for param, found in members.items()},
        useful_order=tuple(sorted(range(len(ids)), key=lambda bit: -cards[bit][useful])),
        instruments=tuple(instruments),
        card_fields=card_fields,
        cards=tuple(cards),
    )


def _bitsets(members, size):
    sets = {}
    for value, bits in members.items():
        flags = bytearray((size + 7) // 8)
        for bit in bits:
            flags[bit >> 3] |= 1 << (bit & 7)
        sets[value] = int.from_bytes(flags, "little")
    return sets


def index_for(hub, stamp, **facets):
    """Return the FacetIndex of `hub`'s resources for the listings' generation `stamp`
    (None: the cache is unreachable, build one for this request). `facets` as for `build`."""
    kept = _built.get(hub.pk)
    if kept is not None and stamp is not None and kept[0] == stamp:
        return kept[1]
    index = build(hub.get_resources(), **facets)
    if stamp is not None:
        _built[hub.pk] = (stamp, index)
    return index
