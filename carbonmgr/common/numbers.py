"""One rounding rule for every figure a user reads: the app, the command line, the PDF report
and the Excel export all format tonnes and shares through this module.

The rule
--------
* The engine computes in binary floating point, so a value it means as 91.425 may be held as
  91.42499999999999 or 91.42500000000001 depending on the order of the additions.  A figure
  is first taken as a :class:`~decimal.Decimal` of the engine's value at
  :data:`SIGNIFICANT` significant digits (which removes that noise and nothing a user typed),
  then rounded **half away from zero** (``ROUND_HALF_UP`` of :mod:`decimal`, the rounding of
  GB/T 8170 "四舍五入" and of Excel) to the digits shown.  91.425 is 91.43 everywhere.
* Shares of a total (per cent) are rounded so that the rows shown add up to exactly 100 %
  (largest remainder: each row is rounded down, the missing tenths go to the rows with the
  largest remainders).  A deduction has a negative share.
* A zero never shows a sign ("0.00", not "-0.00").
"""
from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, InvalidOperation

__all__ = ["SIGNIFICANT", "exact", "rounded", "tonnes", "percent", "shares", "TONNE_DIGITS"]

SIGNIFICANT = 12  # digits of the engine's value kept before rounding (float noise is at ~1e-15)
TONNE_DIGITS = {"gbt32150": 0}  # the Chinese guidelines report whole tonnes; others two decimals
_CTX = Context(prec=SIGNIFICANT, rounding=ROUND_HALF_EVEN)


def exact(value) -> Decimal:
    """The engine's value as a Decimal of :data:`SIGNIFICANT` significant digits."""
    if isinstance(value, Decimal):
        d = value
    else:
        d = Decimal(repr(float(value)))
    if not d.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return _CTX.plus(d) if d else Decimal(0)


def rounded(value, digits: int = 2) -> Decimal:
    """``value`` rounded half away from zero to ``digits`` decimals (the one rule)."""
    q = Decimal(1).scaleb(-digits)
    try:
        out = exact(value).quantize(q, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # too many digits for the context: no decimals to round
        out = exact(value)
    return out if out else abs(out)  # no "-0"


def _group(d: Decimal, digits: int, sign: bool = False) -> str:
    text = f"{d:,.{digits}f}"
    if sign and d > 0:
        text = "+" + text
    return text


def tonnes(value, digits: int | None = 2, *, standard: str | None = None, sign: bool = False) -> str:
    """A mass in tonnes as shown to a user: ``1,234.57`` (thousands separated).

    ``standard`` picks the digits of that standard's tables (whole tonnes under GB/T 32150)
    when ``digits`` is None; ``sign`` writes a "+" before positive values.
    """
    if value is None:
        return ""
    if digits is None:
        digits = TONNE_DIGITS.get(standard or "", 2)
    return _group(rounded(value, digits), digits, sign)


def percent(value, digits: int = 1) -> str:
    """A per-cent number (already multiplied by 100) rounded by the one rule: ``12.3``."""
    return _group(rounded(value, digits), digits)


def shares(values, total, digits: int = 1) -> list[Decimal]:
    """Each of ``values`` as a per cent of ``total``, rounded so that they add up to exactly 100.

    ``values`` must add up to ``total`` (the parts of a total, deductions negative); a zero
    total gives zeros.  Largest remainder: every share is rounded down to ``digits``
    decimals, then the units still missing go one each to the shares with the largest
    remainders.
    """
    vals = [exact(v) for v in values]
    tot = exact(total)
    if not tot or not vals:
        return [Decimal(0).quantize(Decimal(1).scaleb(-digits)) for _ in vals]
    unit = Decimal(1).scaleb(-digits)
    raw = [v * 100 / tot for v in vals]
    floors = [r.quantize(unit, rounding=ROUND_FLOOR) for r in raw]
    missing = int(((Decimal(100) - sum(floors)) / unit).to_integral_value(rounding=ROUND_HALF_UP))
    order = sorted(range(len(vals)), key=lambda i: (raw[i] - floors[i], abs(raw[i])), reverse=True)
    out = list(floors)
    if missing > 0:
        for i in order[:missing]:
            out[i] += unit
    elif missing < 0:  # only when the values do not add up to the total
        for i in order[::-1][:-missing]:
            out[i] -= unit
    return [o if o else abs(o) for o in out]
