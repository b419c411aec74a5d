-- Plans 2.0: shorter sequence name. Build 1.1 calls
-- nextval('billing.invoice_number_seq').
-- expect: breaking rename-sequence
ALTER SEQUENCE billing.invoice_number_seq RENAME TO invoice_no_seq;
