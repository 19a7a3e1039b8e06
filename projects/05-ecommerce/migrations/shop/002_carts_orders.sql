-- Carts: a guest cart (found by its signed token) or a user's cart (one open cart per user).
CREATE TABLE carts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX carts_one_open_per_user ON carts (user_id) WHERE status = 'open' AND user_id IS NOT NULL;

CREATE TABLE cart_items (
  cart_id uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  variant_id uuid NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
  quantity integer NOT NULL CHECK (quantity > 0),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cart_id, variant_id)
);

-- Orders keep order, payment and fulfilment status apart (as Saleor does); version grows by one with
-- every change, so a live view can drop stale updates.
CREATE TABLE orders (
  id uuid PRIMARY KEY,
  number bigint GENERATED ALWAYS AS IDENTITY,
  user_id text,
  email text NOT NULL,
  cart_id uuid REFERENCES carts (id) ON DELETE SET NULL,
  status text NOT NULL CHECK (status IN ('pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded')),
  payment_status text NOT NULL CHECK (payment_status IN ('pending', 'paid', 'failed', 'refund_pending', 'refunded')),
  fulfillment_status text NOT NULL CHECK (fulfillment_status IN ('unfulfilled', 'shipped', 'delivered')),
  currency char(3) NOT NULL,
  total_minor integer NOT NULL CHECK (total_minor >= 0),
  shipping_address jsonb NOT NULL,
  tracking_number text,
  reservation_expires_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_number_key UNIQUE (number)
);
CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_status_idx ON orders (status, created_at DESC);
CREATE INDEX orders_awaiting_payment_idx ON orders (reservation_expires_at) WHERE status = 'pending_payment';

-- A snapshot of each line as sold: later price or name changes never alter an order.
CREATE TABLE order_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  variant_id uuid NOT NULL REFERENCES variants (id),
  product_id uuid NOT NULL,
  sku text NOT NULL,
  name text NOT NULL,
  unit_price_minor integer NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0)
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id);
CREATE INDEX order_lines_variant_idx ON order_lines (variant_id);

-- Every transition: who, when, from what to what.
CREATE TABLE order_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  version integer NOT NULL,
  from_status text,
  to_status text NOT NULL,
  payment_status text NOT NULL,
  fulfillment_status text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('customer', 'admin', 'system')),
  actor_id text,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_history_order_idx ON order_history (order_id, version);

-- Stock held for an unpaid order until it expires, is cancelled, or is turned into a sale.
CREATE TABLE reservations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  variant_id uuid NOT NULL REFERENCES variants (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released', 'sold')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX reservations_order_idx ON reservations (order_id);

-- Checkout idempotency keys, per caller: the request's fingerprint and the answer to replay.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
