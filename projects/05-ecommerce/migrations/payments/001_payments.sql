-- One payment per order. Status follows the provider's intent; last_event_at is the provider time of
-- the newest event applied, so an older event that arrives late never moves a payment backwards.
CREATE TABLE payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  user_id text,
  email text NOT NULL,
  amount_minor integer NOT NULL CHECK (amount_minor >= 0),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('requires_payment_method', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled', 'refunded')),
  provider text NOT NULL,
  provider_payment_id text,
  payment_token_hash text NOT NULL,
  failure_code text,
  next_action_url text,
  last_event_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payments_order_key UNIQUE (order_id),
  CONSTRAINT payments_provider_payment_key UNIQUE (provider, provider_payment_id)
);

-- Every status change, with the provider event that caused it (the audit trail of a payment).
CREATE TABLE payment_transitions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
  from_status text NOT NULL,
  to_status text NOT NULL,
  provider_event_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_transitions_payment_idx ON payment_transitions (payment_id, id);

-- Every verified webhook event, by the provider's event id: a replay finds its id here.
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  provider_created_at timestamptz NOT NULL,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- The fake provider's own state (it stands in for Stripe's servers; the Stripe provider keeps none).
CREATE TABLE fake_provider_intents (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL,
  amount integer NOT NULL,
  currency char(3) NOT NULL,
  status text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT fake_provider_intents_idempotency_key UNIQUE (idempotency_key)
);
