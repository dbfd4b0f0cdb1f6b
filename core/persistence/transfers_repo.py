"""Transfers between locations: what each sent, and what of it has not arrived yet."""

from __future__ import annotations

from collections import Counter

from core.domain.kinds import DocumentKind
from core.domain.movements import Location
from core.domain.sites import read_site
from core.domain.transfers import Outstanding, Sent, TransferSummary
from core.persistence.db import Sql, as_date


class TransferRepository:
    """Reads transfers from the ledger: nothing is kept beside the movements."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def outstanding(self, transfer_id: int) -> Outstanding:
        """What the transfer sent minus what its arrivals took in or wrote off."""
        sent = self.sql.rows(
            "SELECT m.product_id, p.sku, p.name, m.serial, m.quantity, m.layer_id, m.unit_cost "
            "FROM movement m JOIN product p ON p.id = m.product_id "
            "WHERE m.document_id = ? AND m.to_location = ? ORDER BY m.id",
            (transfer_id, Location.TRANSIT.value),
        )
        done = self.sql.rows(
            "SELECT m.product_id, m.serial, m.quantity, m.layer_id, m.unit_cost FROM movement m "
            "JOIN document d ON d.id = m.document_id "
            "WHERE d.ref_id = ? AND d.kind = ? AND m.from_location = ?",
            (transfer_id, DocumentKind.ARRIVAL.value, Location.TRANSIT.value),
        )
        arrived_units = {(product, serial) for product, serial, *_rest in done if serial}
        arrived: Counter[tuple[int, int | None, int]] = Counter()
        for product, serial, quantity, layer, cost in done:
            if not serial:
                arrived[(product, layer, int(cost))] += int(quantity)
        items = []
        for product, sku, name, serial, quantity, layer, cost in sent:
            if serial:
                if (product, serial) not in arrived_units:
                    items.append(Sent(product, sku, name, serial, 1, layer, int(cost)))
                continue
            key = (product, layer, int(cost))
            left = int(quantity) - min(int(quantity), arrived[key])
            arrived[key] -= int(quantity) - left
            if left:
                items.append(Sent(product, sku, name, None, left, layer, int(cost)))
        return Outstanding(tuple(items))

    def summaries(
        self, *, site: str | None = None, to_site: str | None = None, open_only: bool = True
    ) -> list[TransferSummary]:
        """Transfers, newest first: sent from ``site`` or to ``to_site`` when given, with how
        many units each sent and how many are still on the way."""
        where, params = ["d.kind = ?"], [DocumentKind.TRANSFER.value]
        if site is not None:
            where.append("COALESCE(d.site, 'main') = ?")
            params.append(site)
        if to_site is not None:
            where.append("d.to_site = ?")
            params.append(to_site)
        rows = self.sql.rows(
            "SELECT d.id, d.number, d.date, d.site, d.to_site, d.till, d.operator, "
            "(SELECT COALESCE(SUM(m.quantity), 0) FROM movement m WHERE m.document_id = d.id), "
            "(SELECT COALESCE(SUM(m.quantity), 0) FROM movement m "
            " JOIN document a ON a.id = m.document_id WHERE a.ref_id = d.id AND a.kind = ?) "
            f"FROM document d WHERE {' AND '.join(where)} ORDER BY d.id DESC LIMIT 500",
            (DocumentKind.ARRIVAL.value, *params),
        )
        found = []
        for doc_id, number, on, sent_from, sent_to, till, operator, sent, done in rows:
            day = as_date(on)
            assert day is not None
            left = int(sent) - int(done)
            if open_only and left <= 0:
                continue
            found.append(
                TransferSummary(
                    doc_id,
                    number,
                    day,
                    read_site(sent_from),
                    sent_to or "",
                    till,
                    operator,
                    int(sent),
                    left,
                )
            )
        return found
