"""The class market's file (``*.cmmkt``): one SQLite file holding the whole market.

Layout (STRICT tables, rollback journal so that the file alone holds every committed change,
``PRAGMA application_id`` = "CBMM", schema version in ``PRAGMA user_version``):

* ``meta`` (key, value): name, year, status (open | ended), round (the round taking orders),
  start_price, floor, ceiling, ccer_pool, ccer_price (fen), created_at, app_version;
* ``firms``: each firm's emissions, allocation, holdings, cash, output and benchmark factors,
  CCER held, money spent and allowances borrowed (预支; schema version 2: a version 1 file gains the
  column, 0 for every firm, when it is opened); ``measures``: its abatement options (and which it took);
* ``orders``: the orders of every round (those of the open round are pending);
* ``rounds``: each cleared round (price, volume, fills, refusals, trace);
* ``shocks``: the instructor's shocks, after which round;
* ``log``: every change, in order.

Every change is one transaction, so the market survives the app or the PC stopping between
any two steps. A market file is untrusted: it is opened only if its application id, version
and schema objects are exactly those this module creates (no trigger or view can ride along),
and its values are checked as they are read.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import sqlite3
from pathlib import Path

from carbonmgr import __version__
from carbonmgr.common.errors import Problem, ProjectError, ValidationFailed
from carbonmgr.io.fileio import atomic_write
from carbonmgr.trading.auction import ClearingResult, Order, clear
from carbonmgr.trading.market import SHOCKS, Firm, FirmMeasure, least_cost, reference_price, surrender

APPLICATION_ID = 0x43424D4D  # "CBMM"
SCHEMA_VERSION = 2
SUFFIX = ".cmmkt"
MAX_FIRMS = 500
MAX_MEASURES = 50

_SCHEMA = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    "CREATE TABLE firms (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, emissions INTEGER NOT NULL "
    "CHECK (emissions >= 0), allocation INTEGER NOT NULL CHECK (allocation >= 0), holdings INTEGER NOT NULL "
    "CHECK (holdings >= 0), cash INTEGER NOT NULL, output REAL NOT NULL CHECK (output >= 0), benchmark REAL NOT "
    "NULL CHECK (benchmark >= 0), ccer INTEGER NOT NULL CHECK (ccer >= 0), paid INTEGER NOT NULL, spent_abatement "
    "INTEGER NOT NULL, spent_ccer INTEGER NOT NULL, borrowed INTEGER NOT NULL DEFAULT 0 CHECK (borrowed >= 0)) "
    "STRICT",
    "CREATE TABLE measures (firm TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, tonnes REAL NOT NULL "
    "CHECK (tonnes > 0), cost_per_t REAL NOT NULL, taken INTEGER NOT NULL CHECK (taken IN (0, 1)), "
    "PRIMARY KEY (firm, seq)) STRICT",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, round INTEGER NOT NULL, firm TEXT NOT NULL, side TEXT NOT NULL "
    "CHECK (side IN ('buy', 'sell')), quantity INTEGER NOT NULL CHECK (quantity > 0), limit_fen INTEGER NOT NULL "
    "CHECK (limit_fen > 0), source TEXT NOT NULL, row INTEGER) STRICT",
    "CREATE TABLE rounds (n INTEGER PRIMARY KEY, price INTEGER, volume INTEGER NOT NULL, result TEXT NOT NULL, "
    "at TEXT NOT NULL) STRICT",
    "CREATE TABLE shocks (id INTEGER PRIMARY KEY, after_round INTEGER NOT NULL, kind TEXT NOT NULL, "
    "params TEXT NOT NULL, at TEXT NOT NULL) STRICT",
    "CREATE TABLE log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL) "
    "STRICT",
]
_FIRM_COLS = ("id", "emissions", "allocation", "holdings", "cash", "output", "benchmark", "ccer", "paid",
              "spent_abatement", "spent_ccer", "borrowed")
# version 1 -> 2: the allowances borrowed (a firm of a version 1 file borrowed nothing)
_MIGRATE_1 = "ALTER TABLE firms ADD COLUMN borrowed INTEGER NOT NULL DEFAULT 0 CHECK (borrowed >= 0)"



class MarketError(ProjectError):
    """A market file cannot be opened or changed, or a step is refused (message id + params)."""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _norm_sql(sql: str | None) -> str | None:
    return " ".join(sql.split()) if sql else None


_expected: dict[int, list[set]] = {}


def _schema_of(statements) -> set:
    conn = sqlite3.connect(":memory:")
    try:
        for stmt in statements:
            conn.execute(stmt)
        return {(t, n, _norm_sql(s)) for t, n, s in conn.execute("SELECT type, name, sql FROM sqlite_master")}
    finally:
        conn.close()


def _v1_schema() -> list[str]:
    return [stmt.replace(", borrowed INTEGER NOT NULL DEFAULT 0 CHECK (borrowed >= 0)", "")
            if stmt.startswith("CREATE TABLE firms ") else stmt for stmt in _SCHEMA]


def _expected_schema(version: int = SCHEMA_VERSION) -> list[set]:
    """The schema objects a file of ``version`` may hold: version 2 as created, or as a version 1
    file migrated (SQLite writes the added column into the table's text its own way)."""
    if version not in _expected:
        if version == 1:
            _expected[1] = [_schema_of(_v1_schema())]
        else:
            _expected[version] = [_schema_of(_SCHEMA), _schema_of([*_v1_schema(), _MIGRATE_1])]
    return _expected[version]


class MarketStore:
    """An open market file. Use :meth:`create` or :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def create(cls, path, *, name: str, year: int, firms: list[Firm], start_price: int,
               ccer_pool: int = 0, ccer_price: int | None = None, overwrite: bool = False,
               origin: dict | None = None) -> "MarketStore":
        """A new market file; ``origin`` (what the firms were drawn from) is kept in its log."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise MarketError("market.store.exists", path=str(path))
        _check_firms(firms)
        with atomic_write(path, code="market.store.write_failed", companions=("-journal",)) as tmp:
            conn = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("BEGIN")
                for stmt in _SCHEMA:
                    conn.execute(stmt)
                meta = {"name": name, "year": str(year), "status": "open", "round": "1",
                        "start_price": str(start_price), "floor": "", "ceiling": "", "ccer_pool": str(ccer_pool),
                        "ccer_price": "" if ccer_price is None else str(ccer_price), "created_at": _now(),
                        "app_version": __version__}
                conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
                for i, f in enumerate(firms):
                    conn.execute(f"INSERT INTO firms (seq, {', '.join(_FIRM_COLS)}) "
                                 f"VALUES (?{', ?' * len(_FIRM_COLS)})",
                                 (i, *[getattr(f, c) for c in _FIRM_COLS]))
                    conn.executemany("INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?)",
                                     [(f.id, k, m.name, m.tonnes, m.cost_per_t, int(m.taken))
                                      for k, m in enumerate(f.measures)])
                conn.execute("INSERT INTO log (at, action, detail) VALUES (?, 'create', ?)",
                             (_now(), json.dumps({"firms": len(firms), **({"origin": origin} if origin else {})},
                                                 ensure_ascii=False)))
                conn.execute("COMMIT")
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
        return cls.open(path)

    @classmethod
    def open(cls, path) -> "MarketStore":
        path = Path(path)
        if not path.is_file():
            raise MarketError("market.store.not_found", path=str(path))
        try:
            conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise MarketError("market.store.not_a_market", path=str(path)) from exc
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise MarketError("market.store.not_a_market", path=str(path))
            if version > SCHEMA_VERSION:
                raise MarketError("market.store.newer", path=str(path), found=version, supported=SCHEMA_VERSION)
            found = {(t, n, _norm_sql(s)) for t, n, s in conn.execute("SELECT type, name, sql FROM sqlite_master")}
            if version not in (1, SCHEMA_VERSION) or found not in _expected_schema(version):
                raise MarketError("market.store.unexpected_schema", path=str(path))
            if version == 1:
                _migrate_1(conn)
            store = cls(conn, path)
            store._check_values()
            return store
        except MarketError:
            conn.close()
            raise
        except (sqlite3.Error, ValueError, TypeError, KeyError, json.JSONDecodeError) as exc:
            conn.close()
            raise MarketError("market.store.not_a_market", path=str(path)) from exc

    def _check_values(self) -> None:
        meta = self.meta()
        for key in ("name", "year", "status", "round", "start_price", "floor", "ceiling", "ccer_pool", "ccer_price"):
            if key not in meta:
                raise MarketError("market.store.damaged", path=str(self.path), detail=key)
        if meta["status"] not in ("open", "ended"):
            raise MarketError("market.store.damaged", path=str(self.path), detail="status")
        for key in ("year", "round", "start_price", "ccer_pool"):
            int(meta[key])
        for key in ("floor", "ceiling", "ccer_price"):
            if meta[key]:
                int(meta[key])
        for f in self.firms():
            if not all(math.isfinite(v) for v in (f.output, f.benchmark)) or \
                    any(not math.isfinite(m.tonnes) or not math.isfinite(m.cost_per_t) for m in f.measures):
                raise MarketError("market.store.damaged", path=str(self.path), detail=f.id)
        for r in self.rounds():
            json.loads(json.dumps(r))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> "MarketStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _tx(self):
        store = self

        class _T:
            def __enter__(self):
                store.conn.execute("BEGIN IMMEDIATE")
                return store.conn

            def __exit__(self, kind, exc, tb):
                if kind is None:
                    try:
                        store.conn.execute("COMMIT")
                    except sqlite3.Error as e:
                        store.conn.execute("ROLLBACK")
                        raise MarketError("market.store.write_failed", path=str(store.path), error=str(e)) from e
                else:
                    store.conn.execute("ROLLBACK")
                    if isinstance(exc, sqlite3.Error):
                        raise MarketError("market.store.write_failed", path=str(store.path), error=str(exc)) \
                            from exc
                return False

        return _T()

    def _log(self, conn, action: str, detail: dict) -> None:
        conn.execute("INSERT INTO log (at, action, detail) VALUES (?, ?, ?)",
                     (_now(), action, json.dumps(detail, ensure_ascii=False)))

    # ------------------------------------------------------------------ reading
    def origin(self) -> dict | None:
        """What the firms were drawn from (``carbonmgr market start``), as logged at creation; None for
        a market made from a firms file (or an unreadable entry: the log is never trusted)."""
        row = self.conn.execute("SELECT detail FROM log WHERE action = 'create' ORDER BY id LIMIT 1").fetchone()
        try:
            detail = json.loads(row[0]) if row and isinstance(row[0], str) else None
        except ValueError:
            return None
        origin = detail.get("origin") if isinstance(detail, dict) else None
        return origin if isinstance(origin, dict) else None

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def info(self) -> dict:
        m = self.meta()
        opt = (lambda v: int(v) if v else None)
        return {"name": m["name"], "year": int(m["year"]), "status": m["status"], "round": int(m["round"]),
                "start_price": int(m["start_price"]), "floor": opt(m["floor"]), "ceiling": opt(m["ceiling"]),
                "ccer_pool": int(m["ccer_pool"]), "ccer_price": opt(m["ccer_price"])}

    def firms(self) -> list[Firm]:
        measures: dict[str, list[FirmMeasure]] = {}
        for firm, name, tonnes, cost, taken in self.conn.execute(
                "SELECT firm, name, tonnes, cost_per_t, taken FROM measures ORDER BY firm, seq"):
            measures.setdefault(firm, []).append(FirmMeasure(name, float(tonnes), float(cost), bool(taken)))
        out = []
        for row in self.conn.execute(f"SELECT {', '.join(_FIRM_COLS)} FROM firms ORDER BY seq"):
            f = Firm(*row)
            f.measures = measures.get(f.id, [])
            out.append(f)
        return out

    def firm(self, firm_id: str) -> Firm:
        for f in self.firms():
            if f.id == firm_id:
                return f
        raise MarketError("market.store.no_such_firm", firm=firm_id)

    def orders(self, round_no: int | None = None) -> list[Order]:
        n = self.info()["round"] if round_no is None else round_no
        return [Order(f, s, q, p, r) for f, s, q, p, r in self.conn.execute(
            "SELECT firm, side, quantity, limit_fen, row FROM orders WHERE round = ? ORDER BY id", (n,))]

    def rounds(self) -> list[dict]:
        out = []
        for n, price, volume, result, at in self.conn.execute("SELECT n, price, volume, result, at FROM rounds "
                                                              "ORDER BY n"):
            out.append({"n": n, "price": price, "volume": volume, "at": at, **json.loads(result)})
        return out

    def shocks(self) -> list[dict]:
        return [{"after_round": a, "kind": k, "params": json.loads(p), "at": at}
                for a, k, p, at in self.conn.execute("SELECT after_round, kind, params, at FROM shocks ORDER BY id")]

    # ------------------------------------------------------------------ changes
    def _open_market(self) -> dict:
        info = self.info()
        if info["status"] != "open":
            raise MarketError("market.store.ended")
        return info

    def set_orders(self, orders: list[Order], *, source: str, firm: str | None = None) -> int:
        """Put ``orders`` into the open round. With ``firm``: they replace that firm's pending orders
        (a trainee handing in again); otherwise they replace the pending orders of every firm named.
        Orders naming a firm not in the market are refused with their rows."""
        self._open_market()
        known = {f.id for f in self.firms()}
        bad = [Problem("market.orders.at_row", {"name": source, "row": o.ref,
                                                "problem": _msg("market.refused.unknown_firm", firm=o.firm)},
                       row=o.ref)
               for o in orders if o.firm not in known]
        if bad:
            raise ValidationFailed(bad)
        names = {firm} if firm is not None else {o.firm for o in orders}
        with self._tx() as c:
            info = self._open_market()  # read inside the write: the round open now, whoever cleared one
            c.executemany("DELETE FROM orders WHERE round = ? AND firm = ?", [(info["round"], f) for f in names])
            c.executemany("INSERT INTO orders (round, firm, side, quantity, limit_fen, source, row) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [(info["round"], o.firm, o.side, o.quantity, o.limit, source, o.ref) for o in orders])
            self._log(c, "orders", {"round": info["round"], "firms": sorted(names), "orders": len(orders),
                                    "source": source})
        return len(orders)

    def add_order(self, order: Order, *, source: str = "") -> None:
        self._open_market()
        if order.firm not in {f.id for f in self.firms()}:
            raise MarketError("market.refused.unknown_firm", firm=order.firm)
        with self._tx() as c:
            info = self._open_market()
            c.execute("INSERT INTO orders (round, firm, side, quantity, limit_fen, source, row) "
                      "VALUES (?, ?, ?, ?, ?, ?, NULL)",
                      (info["round"], order.firm, order.side, order.quantity, order.limit, source))
            self._log(c, "order", {"round": info["round"], "firm": order.firm})

    def clear_round(self, round_no: int | None = None) -> ClearingResult:
        """Clear the open round's orders against the firms' holdings and cash; update them; open the
        next round. ``round_no``: the round the caller means (the one it shows): refused when another
        instance has cleared it meanwhile, so that a round is never cleared twice. The market is read
        and written in one transaction: no other instance changes it in between."""
        with self._tx() as c:
            info = self._open_market()
            if round_no is not None and info["round"] != round_no:
                raise MarketError("market.store.round_moved", round=round_no, open=info["round"])
            result = self._clear(c, info)
        return result

    def _clear(self, c, info: dict) -> ClearingResult:
        firms = self.firms()
        orders = self.orders(info["round"])
        result = clear(orders, holdings={f.id: f.holdings for f in firms}, cash={f.id: f.cash for f in firms},
                       floor=info["floor"], ceiling=info["ceiling"])
        moves = result.by_firm()
        record = {"fills": [{"firm": f.firm, "side": f.side, "quantity": f.quantity, "order": f.order}
                            for f in result.fills],
                  "refused": [{"firm": r.firm, "order": r.order, "code": r.code, "params": r.params}
                              for r in result.refused],
                  "orders": len(orders), "low": result.low, "high": result.high, "floor": result.floor,
                  "ceiling": result.ceiling, "demand": result.demand, "supply": result.supply,
                  "marginal": result.marginal}
        for firm, m in moves.items():
            c.execute("UPDATE firms SET holdings = holdings + ? - ?, cash = cash - ?, paid = paid + ? "
                      "WHERE id = ?", (m["bought"], m["sold"], m["paid"], m["paid"], firm))
        c.execute("INSERT INTO rounds VALUES (?, ?, ?, ?, ?)",
                  (info["round"], result.price, result.volume, json.dumps(record, ensure_ascii=False), _now()))
        c.execute("UPDATE meta SET value = ? WHERE key = 'round'", (str(info["round"] + 1),))
        self._log(c, "round", {"round": info["round"], "price": result.price, "volume": result.volume})
        return result

    def shock(self, kind: str, *, firm: str | None = None, change: float | None = None, price: int | None = None,
              tonnes: int | None = None) -> dict:
        """Apply a shock between rounds (see :mod:`carbonmgr.trading.market`)."""
        self._open_market()
        if kind not in SHOCKS:
            raise MarketError("market.shock.unknown", kind=kind)
        if firm is not None and firm not in {f.id for f in self.firms()}:
            raise MarketError("market.store.no_such_firm", firm=firm)
        params: dict = {"firm": firm}
        with self._tx() as c:
            info = self._open_market()
            if kind in ("output", "benchmark"):
                if change is None or not math.isfinite(change) or not -1 < change <= 10:
                    raise MarketError("market.shock.bad_change")
                where, args = ("WHERE id = ?", (firm,)) if firm else ("", ())
                c.execute(f"UPDATE firms SET {kind} = {kind} * ? {where}", (1 + change, *args))
                params["change"] = change
            elif kind in ("floor", "ceiling"):
                if price is not None and price <= 0:
                    raise MarketError("market.shock.bad_price")
                other = info["ceiling"] if kind == "floor" else info["floor"]
                if price is not None and other is not None and \
                        (price > other if kind == "floor" else price < other):
                    raise MarketError("market.shock.floor_above_ceiling")
                c.execute("UPDATE meta SET value = ? WHERE key = ?", ("" if price is None else str(price), kind))
                params["price"] = price
            else:  # ccer
                if not tonnes or tonnes <= 0 or price is None or price <= 0:
                    raise MarketError("market.shock.bad_ccer")
                c.execute("UPDATE meta SET value = ? WHERE key = 'ccer_pool'", (str(info["ccer_pool"] + tonnes),))
                c.execute("UPDATE meta SET value = ? WHERE key = 'ccer_price'", (str(price),))
                params.update(tonnes=tonnes, price=price)
            c.execute("INSERT INTO shocks (after_round, kind, params, at) VALUES (?, ?, ?, ?)",
                      (info["round"] - 1, kind, json.dumps(params), _now()))
            self._log(c, "shock", {"kind": kind, **params})
        return params

    def abate(self, firm_id: str, measure: str) -> int:
        """The firm takes one of its abatement measures; its cost for the year (fen) is paid from its cash
        (checked and paid in one transaction: another instance cannot spend the same cash in between)."""
        with self._tx() as c:
            self._open_market()
            f = self.firm(firm_id)
            found = [(k, m) for k, m in enumerate(f.measures) if m.name == measure]
            if not found:
                raise MarketError("market.abate.no_such_measure", firm=firm_id, measure=measure)
            k, m = found[0]
            if m.taken:
                raise MarketError("market.abate.taken", firm=firm_id, measure=measure)
            cost = int(round(m.tonnes * m.cost_per_t * 100))
            if cost > f.cash:
                raise MarketError("market.abate.no_cash", firm=firm_id, cost=f"{cost / 100:.2f}",
                                  cash=f"{f.cash / 100:.2f}")
            c.execute("UPDATE measures SET taken = 1 WHERE firm = ? AND seq = ?", (firm_id, k))
            c.execute("UPDATE firms SET cash = cash - ?, spent_abatement = spent_abatement + ? WHERE id = ?",
                      (cost, cost, firm_id))
            self._log(c, "abate", {"firm": firm_id, "measure": measure, "cost": cost})
        return cost

    def buy_ccer(self, firm_id: str, tonnes: int) -> int:
        """The firm buys CCER from the pool at its price, within 5 % of its allowances due (checked and
        paid in one transaction)."""
        with self._tx() as c:
            info = self._open_market()
            f = self.firm(firm_id)
            if info["ccer_price"] is None or tonnes <= 0:
                raise MarketError("market.ccer.none")
            if tonnes > info["ccer_pool"]:
                raise MarketError("market.ccer.pool", tonnes=tonnes, pool=info["ccer_pool"])
            if f.ccer + tonnes > f.ccer_cap():
                raise MarketError("market.ccer.cap", firm=firm_id, tonnes=tonnes, held=f.ccer, cap=f.ccer_cap())
            cost = tonnes * info["ccer_price"]
            if cost > f.cash:
                raise MarketError("market.abate.no_cash", firm=firm_id, cost=f"{cost / 100:.2f}",
                                  cash=f"{f.cash / 100:.2f}")
            c.execute("UPDATE firms SET ccer = ccer + ?, cash = cash - ?, spent_ccer = spent_ccer + ? WHERE id = ?",
                      (tonnes, cost, cost, firm_id))
            c.execute("UPDATE meta SET value = ? WHERE key = 'ccer_pool'", (str(info["ccer_pool"] - tonnes),))
            self._log(c, "ccer", {"firm": firm_id, "tonnes": tonnes, "cost": cost})
        return cost

    def end(self) -> dict:
        """Close the market: every firm surrenders; nothing changes afterwards."""
        with self._tx() as c:
            self._open_market()
            c.execute("UPDATE meta SET value = 'ended' WHERE key = 'status'")
            c.execute("DELETE FROM orders WHERE round = ?", (self.info()["round"],))
            self._log(c, "end", {})
        return self.debrief()

    # ------------------------------------------------------------------ debrief
    def debrief(self) -> dict:
        """Price per round, each firm's compliance and cost (as it stands, or at the end), and the
        least-cost outcome beside the class's."""
        info = self.info()
        rounds = self.rounds()
        firms = self.firms()
        ref = reference_price(rounds, info["start_price"])
        outcome = [surrender(f, ref) for f in firms]
        lc = least_cost(firms, ccer_pool=info["ccer_pool"] + sum(f.ccer for f in firms),
                        ccer_price=info["ccer_price"], start_holdings=_start_holdings(firms, rounds))
        class_cost = sum(o["abatement_cost"] + o["ccer_cost"] + o["penalty_min"] for o in outcome) / 100
        return {"name": info["name"], "year": info["year"], "status": info["status"],
                "rounds": [{"n": r["n"], "price": r["price"], "volume": r["volume"], "orders": r["orders"]}
                           for r in rounds],
                "shocks": self.shocks(), "reference_price": ref, "firms": outcome, "least_cost": lc,
                "class_cost": class_cost}


def _start_holdings(firms: list[Firm], rounds: list[dict]) -> dict[str, int]:
    """The allowances each firm held before the first round: held now, less bought, plus sold."""
    start = {f.id: f.holdings for f in firms}
    for r in rounds:
        for fill in r.get("fills", []):
            if fill["firm"] in start:
                start[fill["firm"]] += -fill["quantity"] if fill["side"] == "buy" else fill["quantity"]
    return start


def _migrate_1(conn: sqlite3.Connection) -> None:
    """A version 1 file becomes version 2 in one transaction (the column and the version together):
    its firms borrowed nothing. Another instance that migrated it first leaves nothing to do."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 1:
            conn.execute(_MIGRATE_1)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except sqlite3.Error:
        conn.execute("ROLLBACK")
        raise


def _msg(code: str, **params):
    from carbonmgr.common.i18n import Message

    return Message(code, params)


def _check_firms(firms: list[Firm]) -> None:
    if not firms:
        raise MarketError("market.store.no_firms")
    if len(firms) > MAX_FIRMS:
        raise MarketError("market.store.too_many_firms", limit=MAX_FIRMS)
    seen = set()
    for f in firms:
        if f.id in seen:
            raise MarketError("market.store.firm_twice", firm=f.id)
        seen.add(f.id)
        if len(f.measures) > MAX_MEASURES:
            raise MarketError("market.store.too_many_measures", firm=f.id, limit=MAX_MEASURES)
