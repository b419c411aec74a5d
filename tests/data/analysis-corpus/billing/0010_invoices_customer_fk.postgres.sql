-- Ledgerly 2.0: imports now create customers first, so invoices finally get
-- their foreign key. Builds before 2.0 still import invoices ahead of their
-- customers.
-- expect: breaking add-foreign-key
ALTER TABLE invoices
    ADD CONSTRAINT invoices_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);
