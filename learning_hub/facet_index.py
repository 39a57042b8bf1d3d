"""The facet values of a hub's resources as bitsets: any selection is counted in memory.

Bit `i` of every set stands for the `i`-th resource, newest first. A facet value's set has
the bits of the resources that have it; a selection is then a few AND and OR of integers,
and a count is `int.bit_count()`: counting the six facets of any search costs no query and
well under a millisecond, however many resources match.

The index is read in two queries and kept in this process for as long as the hub's
listings do not change (see `caching.listing_stamp()`): a publish, an unpublish, a move or
a vote builds a new one on the next search.
"""

from dataclasses import dataclass

from django.db.models import F

from core.models import Instrument

_built = {}  # hub pk → (stamp, FacetIndex): the index of the current listings only


@dataclass(frozen=True)
class FacetIndex:
    ids: tuple  # resource pks, newest first: bit i is ids[i]
    positions: dict  # pk → bit
    values: dict  # facet param → {value: bitset}
    useful_order: tuple  # bits, most useful first (ties: newest first)
    instruments: tuple  # (slug, French name, English name), by French name

    @property
    def everything(self):
        return (1 << len(self.ids)) - 1

    @property
    def instrument_slugs(self):
        return {slug for slug, _fr, _en in self.instruments}

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
    """Return the FacetIndex of the queryset `resources`: two queries.

    `fields` maps the URL parameter of each single-valued facet to its field; `instrument`
    is the parameter of the instruments' facet.
    """
    rows = list(
        resources.order_by("-first_published_at", "-pk").values_list(
            "pk", "useful_count", *fields.values()
        )
    )
    ids = tuple(row[0] for row in rows)
    positions = {pk: bit for bit, pk in enumerate(ids)}
    members = {param: {} for param in [*fields, instrument]}
    for bit, row in enumerate(rows):
        for param, value in zip(fields, row[2:], strict=True):
            members[param].setdefault(value, []).append(bit)
    instruments = []
    links = Instrument.objects.order_by("name_fr", "pk").values_list(
        "slug", "name_fr", "name_en", F("resources")
    )
    for slug, name_fr, name_en, pk in links:
        if not instruments or instruments[-1][0] != slug:
            instruments.append((slug, name_fr, name_en))
        if pk in positions:
            members[instrument].setdefault(slug, []).append(positions[pk])
    useful = sorted(range(len(rows)), key=lambda bit: -rows[bit][1])
    return FacetIndex(
        ids=ids,
        positions=positions,
        values={param: _bitsets(found, len(ids)) for param, found in members.items()},
        useful_order=tuple(useful),
        instruments=tuple(instruments),
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
