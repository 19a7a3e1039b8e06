-- In every service schema, first: the transactional outbox (events written with the change that caused
-- them) and the inbox (events handled). migrations/common/ is applied to each schema before its own files.
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  position bigint GENERATED ALWAYS AS IDENTITY,
  type text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  published_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX outbox_unpublished_idx ON outbox (position) WHERE published_at IS NULL;

CREATE TABLE inbox (
  event_id uuid NOT NULL,
  consumer text NOT NULL,
  event_type text NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, consumer)
);
