"""What the app offers while editing: the items, units and factors of the library that fit a
source type, the refrigerants and equipment types of the equipment register."""
from __future__ import annotations

from typing import Any

from carbonmgr.editing.fields import SOURCE_KINDS

__all__ = ["items_for_source", "refrigerant_items", "refrigerant_names", "equipment_type_items", "search_factors",
           "factor_regions", "factor_years", "factor_sets"]


def items_for_source(lib, source: str) -> list:
    """Library items that fit a source type (for the item drop-down)."""
    kinds = SOURCE_KINDS.get(source, ())
    return [it for it in lib.items.values() if it.kind in kinds]


def refrigerant_items(lib) -> list:
    """Library items that can be the refrigerant of an equipment line (refrigerants, gases)."""
    return items_for_source(lib, "fugitive")


def refrigerant_names(lib) -> list[tuple[str, Any]]:
    """(name to store, item) of every refrigerant or gas: the conventional designation
    (R-410A, HFC-134a, SF6), as the engine labels the gas."""
    from carbonmgr.inventory.engine import _gas_label

    out, seen = [], set()
    for it in refrigerant_items(lib):
        name = _gas_label(it)
        if name not in seen:
            seen.add(name)
            out.append((name, it))
    return out


def equipment_type_items(lib) -> list:
    """Equipment types with EPA screening factors (for the screening method)."""
    return [it for it in lib.items.values() if it.kind == "equipment" and lib.factors_for("epa_sgec_screening", it.id)]


def search_factors(lib, text: str = "", *, set_name=None, status=None, region=None, year=None,
                   source: str | None = None) -> list:
    """Factors matching ``text`` and the filters; with ``source``, only those of items that fit it."""
    rows = lib.search(text or "", set_name=set_name or None, status=status or None, region=region or None, year=year)
    if source:
        kinds = set(SOURCE_KINDS.get(source, ()))
        rows = [f for f in rows if (lib.items.get(f.item) is not None and lib.items[f.item].kind in kinds)]
    return rows


def factor_regions(lib) -> list[str]:
    return sorted({f.region for f in lib.factors if f.region})


def factor_years(lib) -> list[int]:
    return sorted({f.year for f in lib.factors if f.year is not None})


def factor_sets(lib) -> list[str]:
    return sorted(lib.set_info)
