-- Plans 1.1: invoice numbers come from their own sequence, starting at 1000.
-- backstep: backward-compatible
-- expect: compatible create-other
CREATE SEQUENCE billing.invoice_number_seq START WITH 1000;
