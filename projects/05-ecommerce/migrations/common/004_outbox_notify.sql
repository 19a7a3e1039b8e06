-- Wakes the outbox relays on commit: every statement that writes outbox rows sends one notification on
-- the channel `outbox:<schema>`. PostgreSQL delivers it only when the transaction commits, and folds
-- the same notification sent several times in one transaction into one. The relays keep their poll as
-- a safety net (a listener reconnecting may miss a notification).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox:' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify_on_insert
  AFTER INSERT ON outbox
  FOR EACH STATEMENT
  EXECUTE FUNCTION outbox_notify();
