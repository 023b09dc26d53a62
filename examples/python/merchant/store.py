"""The merchant's payment state in SQLite: durable (WAL, synchronous=FULL: a committed callback
survives the process being killed, and a power cut) and idempotent (a callback already applied
changes nothing the second time).

Each callback is applied in one transaction: recording it and updating its payment either both
happen or neither does. A callback is identified by (payment id, operation id, operation status,
payment status); one without an operation id by the SHA-256 of its body.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from typing import Any

import qrsign

SCHEMA = """
CREATE TABLE IF NOT EXISTS payments (
    payment_id  TEXT PRIMARY KEY,
    project_id  INTEGER NOT NULL,
    method      TEXT NOT NULL,            -- click-qr | jetpay-qr | pos
    amount      INTEGER NOT NULL,         -- minor units
    currency    TEXT NOT NULL,
    status      TEXT NOT NULL,            -- pending, then the platform's payment.status
    qr_data     TEXT,                     -- Click QR: display_data's qr_data link
    qr_png      BLOB,                     -- JetPay QR: the platform's PNG
    note        TEXT,                     -- the last error talking to the platform, if any
    created     REAL NOT NULL,
    updated     REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS callbacks (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id  TEXT NOT NULL,
    dedupe_key  TEXT NOT NULL,
    kind        TEXT NOT NULL,            -- display_data | status
    status      TEXT,
    body        BLOB NOT NULL,            -- the body as received (verified)
    received    REAL NOT NULL,
    UNIQUE (payment_id, dedupe_key)
);
"""

# Statuses after which a payment does not go back to an intermediate one.
FINAL = {"success", "decline", "canceled", "cancelled", "refunded", "partially refunded",
         "error", "reversed", "partially reversed"}


def dedupe_key(cb: qrsign.Callback) -> str:
    op_id = cb.get("operation.id")
    if op_id is None:
        return "sha256:" + hashlib.sha256(cb.raw).hexdigest()
    return f"op:{op_id}:{cb.operation_status}:{cb.payment_status}"


def status_text(status: qrsign.Status | str | None) -> str | None:
    return status.value if isinstance(status, qrsign.Status) else status


class Store:
    """One SQLite file; one connection per thread (sqlite3 connections are not shared)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        conn = self._conn()
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # isolation_level=None: transactions are written out (BEGIN IMMEDIATE ... COMMIT).
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA synchronous=FULL")
            self._local.conn = conn
        return conn

    def create_payment(self, payment_id: str, project_id: int, method: str, amount: int,
                       currency: str) -> bool:
        """A new pending payment; False if the id is taken."""
        t = time.time()
        cur = self._conn().execute(
            "INSERT OR IGNORE INTO payments (payment_id, project_id, method, amount, currency, status,"
            " created, updated) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
            (payment_id, project_id, method, amount, currency, t, t))
        return cur.rowcount == 1

    def note(self, payment_id: str, text: str | None) -> None:
        """The last problem talking to the platform (shown on the payment's page), or None."""
        self._conn().execute("UPDATE payments SET note = ?, updated = ? WHERE payment_id = ?",
                             (text, time.time(), payment_id))

    def accepted(self, payment_id: str, qr_png: bytes | None = None) -> None:
        """The platform accepted the payment: pending -> awaiting customer (unless a callback
        already moved it on), with JetPay's QR image."""
        self._conn().execute(
            "UPDATE payments SET note = NULL, qr_png = COALESCE(?, qr_png), updated = ?,"
            " status = CASE status WHEN 'pending' THEN 'awaiting customer' ELSE status END"
            " WHERE payment_id = ?", (qr_png, time.time(), payment_id))

    def apply_callback(self, cb: qrsign.Callback) -> bool:
        """Records a verified callback and updates its payment, in one transaction. False if this
        callback was already applied (nothing changes)."""
        payment_id = cb.payment_id or ""
        status = status_text(cb.payment_status)
        shown = cb.display_data
        kind = "display_data" if shown is not None else "status"
        conn = self._conn()
        t = time.time()
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT OR IGNORE INTO callbacks (payment_id, dedupe_key, kind, status, body, received)"
                " VALUES (?, ?, ?, ?, ?, ?)", (payment_id, dedupe_key(cb), kind, status, cb.raw, t))
            if cur.rowcount == 0:
                conn.execute("ROLLBACK")
                return False
            # A payment this back-end did not create (e.g. started on the platform's side).
            conn.execute(
                "INSERT OR IGNORE INTO payments (payment_id, project_id, method, amount, currency,"
                " status, created, updated) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
                (payment_id, cb.get("project_id") or 0, cb.get("payment.method") or "unknown",
                 cb.amount or 0, cb.currency or "", t, t))
            if shown is not None:
                conn.execute("UPDATE payments SET qr_data = ? WHERE payment_id = ?", (shown.qr_data, payment_id))
            if status is not None:
                # Never back from a final status (callbacks can arrive out of order).
                conn.execute(
                    "UPDATE payments SET status = ?, updated = ? WHERE payment_id = ? AND status NOT IN"
                    f" ({', '.join('?' * len(FINAL))})", (status, t, payment_id, *sorted(FINAL)))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return True

    def payment(self, payment_id: str) -> dict[str, Any] | None:
        row = self._conn().execute("SELECT * FROM payments WHERE payment_id = ?", (payment_id,)).fetchone()
        return None if row is None else dict(row)

    def payments(self) -> list[dict[str, Any]]:
        rows = self._conn().execute(
            "SELECT payment_id, method, amount, currency, status FROM payments ORDER BY created DESC LIMIT 50")
        return [dict(r) for r in rows]

    def callbacks(self, payment_id: str) -> list[dict[str, Any]]:
        rows = self._conn().execute(
            "SELECT seq, kind, status, received FROM callbacks WHERE payment_id = ? ORDER BY seq", (payment_id,))
        return [dict(r) for r in rows]

    def last_callback(self, payment_id: str, kind: str) -> bytes | None:
        """The latest callback body of a kind: "display_data", or "final" (a final status)."""
        if kind == "final":
            sql = (f"SELECT body FROM callbacks WHERE payment_id = ? AND status IN ({', '.join('?' * len(FINAL))})"
                   " ORDER BY seq DESC LIMIT 1")
            args: tuple[Any, ...] = (payment_id, *sorted(FINAL))
        else:
            sql = "SELECT body FROM callbacks WHERE payment_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1"
            args = (payment_id, kind)
        row = self._conn().execute(sql, args).fetchone()
        return None if row is None else bytes(row["body"])
