-- Plans 2.1: invoice numbers come from the payment provider now.
-- expect: breaking drop-sequence
DROP SEQUENCE billing.invoice_no_seq;
