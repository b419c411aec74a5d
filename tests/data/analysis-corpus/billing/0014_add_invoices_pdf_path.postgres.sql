-- Ledgerly 3.1: where the rendered PDF is stored; and the customer index goes
-- (the same net effect as the SQLite rebuild that forgot it).
-- backstep: backward-compatible
-- expect: caution add-nullable-column drop-index
ALTER TABLE invoices ADD COLUMN pdf_path text;
DROP INDEX invoices_customer_id_idx;
