-- Indexes for the catalog and reports at scale (100,000 products, 1,000,000 orders: bench/at-scale.ts,
-- plans in README "At scale").
-- Revenue: the paid transitions of a date range, with the order they belong to, without the table.
CREATE INDEX order_history_paid_at_idx ON order_history (created_at) INCLUDE (order_id) WHERE to_status = 'paid';
-- Low stock: variants ordered by what is left to sell, read from the front of the index.
CREATE INDEX variants_saleable_idx ON variants ((on_hand - reserved), sku);
-- Conversion: the orders of the carts of a range.
CREATE INDEX orders_cart_idx ON orders (cart_id) WHERE cart_id IS NOT NULL;
-- Top products: a range of orders with the columns the report filters on, then their lines' figures.
CREATE INDEX orders_created_cover_idx ON orders (created_at) INCLUDE (id, status, currency);
CREATE INDEX order_lines_order_cover_idx ON order_lines (order_id) INCLUDE (product_id, quantity, unit_price_minor);
