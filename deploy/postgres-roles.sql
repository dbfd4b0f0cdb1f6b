-- serial-till on a shared PostgreSQL database: the tills' least-privileged role.
--
-- Run as the database's owner (the role that ran `till init`), once after `till init` and
-- again after every `till migrate` (new tables need their grants):
--   psql -v ON_ERROR_STOP=1 -v app=till_app -v schema=public -f deploy/postgres-roles.sql shop
-- The role itself is created once by a superuser:
--   CREATE ROLE till_app LOGIN PASSWORD '…';
--
-- The tills' role can read everything and write what posting a document writes, and nothing
-- else: no DDL (it owns nothing and may not create in the schema), the ledger (movement) only
-- INSERT, documents only INSERT and the totals and costs a posting fills in, never DELETE or
-- TRUNCATE of any ledger table. `till rebuild`, `till migrate` and `till init` run as the owner.

REVOKE CREATE ON SCHEMA :"schema" FROM PUBLIC;
GRANT USAGE ON SCHEMA :"schema" TO :"app";

-- Reading: every table.
GRANT SELECT ON ALL TABLES IN SCHEMA :"schema" TO :"app";
-- Row ids.
GRANT USAGE ON ALL SEQUENCES IN SCHEMA :"schema" TO :"app";

-- The ledger and what only ever grows with it: appended, never changed.
GRANT INSERT ON :"schema".movement, :"schema".tracking_warning, :"schema".posting_request,
    :"schema".count_expected, :"schema".count_product, :"schema".count_scan,
    :"schema".count_replacement TO :"app";
-- Documents: appended; a posting fills in its total, payment and line costs in its own
-- transaction.
GRANT INSERT ON :"schema".document, :"schema".document_line TO :"app";
GRANT UPDATE (total, payment) ON :"schema".document TO :"app";
GRANT UPDATE (cost) ON :"schema".document_line TO :"app";

-- Projections, numbering, the catalogue, count sheets, print queue, settings, locations: kept
-- current.
GRANT INSERT, UPDATE ON :"schema".serial_unit, :"schema".stock_level, :"schema".cost_layer,
    :"schema".counter, :"schema".product_type, :"schema".product, :"schema".barcode,
    :"schema".count_sheet, :"schema".print_job, :"schema".setting, :"schema".site,
    :"schema".catalogue_version TO :"app";

-- Cart holds come and go with open sales.
GRANT INSERT, UPDATE, DELETE ON :"schema".cart_hold TO :"app";

-- Repairs, the shop's day, identifiers and kits, the chain, till users and the journal:
-- rows that are only ever added, and the few a posting updates or replaces.
GRANT INSERT ON :"schema".repair_status_change, :"schema".repair_line, :"schema".serial_link,
    :"schema".product_price, :"schema".cash_entry, :"schema".day_close, :"schema".kit_binding,
    :"schema".chain_link, :"schema".chain_start, :"schema".journal_entry TO :"app";
GRANT INSERT, UPDATE ON :"schema".repair_order, :"schema".rma_unit, :"schema".till_user
    TO :"app";
GRANT INSERT, DELETE ON :"schema".type_identifier, :"schema".unit_identifier,
    :"schema".kit_component TO :"app";
