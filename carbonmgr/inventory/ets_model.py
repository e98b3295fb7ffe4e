"""The ETS data of a case (the optional ``ETS`` sheet and the ETS keys of the Case sheet).

Plain data, as read: the allocation and the compliance position are computed by
:mod:`carbonmgr.trading.ets`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

ETS_CLASSES = ("I", "II", "III", "gas", "steel", "cement", "aluminium")
COOLING = ("water", "air")


@dataclass
class EtsUnit:
    """One covered unit (a generating unit; for steel, cement and aluminium: an enterprise,
    a clinker line or an electrolysis process)."""

    unit: str
    facility: str = ""
    klass: str = "I"  # one of ETS_CLASSES
    generation: float | None = None  # MWh (gross)
    supply: float | None = None  # MWh (net, to the grid)
    heat: float | None = None  # GJ supplied
    load_factor: float | None = None  # fraction
    cooling: str | None = None  # water | air
    heat_ratio: float | None = None  # fraction
    verified_emissions: float | None = None  # t CO2
    intensity: float | None = None  # steel/cement/aluminium: t CO2e per t of product
    balance_value: float | None = None  # the sector's balance value, same unit
    # the basis of the pre-allocation (which year each plan takes: carbonmgr.trading.ets)
    basis_supply: float | None = None  # MWh supplied in the basis year (2019-2020 plan: 2018)
    basis_heat: float | None = None  # GJ supplied in the basis year
    basis_emissions: float | None = None  # t CO2 verified in the basis year (2021-2022: 2021; later: previous year)
    row: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "EtsUnit":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class EtsData:
    units: list[EtsUnit] = field(default_factory=list)

    def unit_ids(self) -> list[str]:
        return [u.unit for u in self.units]
