-- Every admin action, written in the transaction of the change it records: who (the access token's
-- subject and email), what (a verb such as product.update), on what, and the details of the request.
CREATE TABLE admin_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id text NOT NULL,
  actor_email text,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_created_idx ON admin_audit (created_at DESC, id DESC);
CREATE INDEX admin_audit_target_idx ON admin_audit (target_type, target_id, created_at DESC);

-- The reports: orders by day, carts by day (conversion), paid transitions by day (revenue).
CREATE INDEX orders_created_idx ON orders (created_at);
CREATE INDEX carts_created_idx ON carts (created_at);
CREATE INDEX order_history_paid_idx ON order_history (order_id, created_at) WHERE to_status = 'paid';
