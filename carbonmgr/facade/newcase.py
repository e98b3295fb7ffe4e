"""What the New project dialog offers: the regions whose grid factor a facility's electricity
takes (the grids of the factor library), named in the user's language."""
from __future__ import annotations


def grid_regions(lang: str = "zh") -> list[tuple[str, str]]:
    """``(value, label)`` of every grid a facility's region may name: China's provincial grids,
    then its regional grids, the national average, then the grids of other countries. ``value``
    is the grid's name in ``lang`` (what the facility's region cell holds; the engine resolves
    it to the grid), ``label`` the same name, with the national average said as such."""
    from carbonmgr.factors.library import default_library

    lib = default_library()
    grids = [item for item in lib.items.values() if item.kind == "grid"]

    def rank(item) -> int:
        if item.id.startswith("grid_cn_"):
            return 0 if "provincial" in (item.note or "") else 1
        return 2 if item.id == "grid_cn" else 3

    grids.sort(key=rank)  # stable: the library's order within each group
    return [(item.name(lang), item.name(lang)) for item in grids]
