-- The admin reports read summaries instead of aggregating up to 1,000,000 orders per request (README
-- "At scale"). Each summary is kept by triggers in the same transaction as the change to orders,
-- order_lines, order_history or carts, so it cannot drift from them, and is backfilled here. The
-- triggers are statement-level with transition tables: one set-based query per statement, whether it
-- writes one order (checkout) or a million (seed:large).
--
-- Counters that every order touches (statuses, revenue per day, carts per day) are split into 8
-- slots by the order's or cart's id, so concurrent transactions rarely wait on the same row; a report
-- sums the slots. Every upsert takes its rows in key order, so two transactions cannot deadlock on them.

-- The backfill below reads the tables whole; writers wait until the triggers exist (nothing is missed).
LOCK TABLE orders, order_lines, order_history, carts IN SHARE ROW EXCLUSIVE MODE;
SET LOCAL statement_timeout = 0;

CREATE FUNCTION report_slot(id uuid) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (get_byte(uuid_send(id), 15) & 7)::smallint;

CREATE FUNCTION report_utc_day(at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (at AT TIME ZONE 'UTC')::date;

-- Orders by status (all time).
CREATE TABLE report_order_statuses (
  status text NOT NULL,
  slot smallint NOT NULL,
  orders bigint NOT NULL,
  PRIMARY KEY (status, slot)
);

-- Paid orders (status paid, fulfilled or delivered) by the UTC day of their first paid transition.
CREATE TABLE report_revenue_days (
  day date NOT NULL,
  currency char(3) NOT NULL,
  slot smallint NOT NULL,
  orders bigint NOT NULL,
  revenue_minor bigint NOT NULL,
  PRIMARY KEY (day, currency, slot)
);

-- Units and revenue of the lines of paid orders, by the UTC day the order was placed.
CREATE TABLE report_product_sales_days (
  day date NOT NULL,
  product_id uuid NOT NULL,
  currency char(3) NOT NULL,
  units bigint NOT NULL,
  revenue_minor bigint NOT NULL,
  PRIMARY KEY (day, product_id, currency)
);
-- A day's best sellers from the front of an index (top products, README "At scale").
CREATE INDEX report_product_sales_days_units_idx ON report_product_sales_days (day, units DESC);
CREATE INDEX report_product_sales_days_revenue_idx ON report_product_sales_days (day, revenue_minor DESC);
-- One product's days in a range, without the table.
CREATE INDEX report_product_sales_days_product_idx ON report_product_sales_days (product_id, currency, day)
  INCLUDE (units, revenue_minor);

-- Carts by the UTC day they were created: how many, how many an order was placed from, and how many
-- of those orders were paid (payment paid, refund_pending or refunded).
CREATE TABLE report_cart_days (
  day date NOT NULL,
  slot smallint NOT NULL,
  carts bigint NOT NULL,
  converted_carts bigint NOT NULL,
  paid_orders bigint NOT NULL,
  PRIMARY KEY (day, slot)
);

-- Backfill: the live aggregations the reports used to run.
INSERT INTO report_order_statuses (status, slot, orders)
SELECT status, report_slot(id), count(*) FROM orders GROUP BY 1, 2;

INSERT INTO report_revenue_days (day, currency, slot, orders, revenue_minor)
SELECT report_utc_day(f.paid_at), o.currency, report_slot(o.id), count(*), sum(o.total_minor)
FROM (SELECT order_id, min(created_at) AS paid_at FROM order_history WHERE to_status = 'paid' GROUP BY order_id) f
JOIN orders o ON o.id = f.order_id
WHERE o.status IN ('paid', 'fulfilled', 'delivered')
GROUP BY 1, 2, 3;

INSERT INTO report_product_sales_days (day, product_id, currency, units, revenue_minor)
SELECT report_utc_day(o.created_at), l.product_id, o.currency, sum(l.quantity), sum(l.quantity::bigint * l.unit_price_minor)
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.status IN ('paid', 'fulfilled', 'delivered')
GROUP BY 1, 2, 3;

INSERT INTO report_cart_days (day, slot, carts, converted_carts, paid_orders)
SELECT report_utc_day(c.created_at), report_slot(c.id), count(*), count(k.cart_id), coalesce(sum(k.paid), 0)
FROM carts c
LEFT JOIN (
  SELECT cart_id, count(*) FILTER (WHERE payment_status IN ('paid', 'refund_pending', 'refunded')) AS paid
  FROM orders WHERE cart_id IS NOT NULL GROUP BY cart_id
) k ON k.cart_id = c.id
GROUP BY 1, 2;

ANALYZE report_order_statuses, report_revenue_days, report_product_sales_days, report_cart_days;

-- Indexes of 005 that only the live revenue and top-products queries read; every order and paid
-- transition paid for them. (orders_created_idx, the order desk's date order, stays.)
DROP INDEX order_history_paid_at_idx;
DROP INDEX orders_created_cover_idx;

-- orders, INSERT: its status; the conversion of its cart. (Its lines and history come after it.)
CREATE FUNCTION report_orders_inserted() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO report_order_statuses AS t (status, slot, orders)
  SELECT status, report_slot(id), count(*) FROM new_orders GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (status, slot) DO UPDATE SET orders = t.orders + excluded.orders;

  -- A cart counts once however many orders it gave: "first order of this cart" is decided under the
  -- cart's lock (checkout holds it already), so two orders of one cart cannot both count it.
  PERFORM 1 FROM carts WHERE id IN (SELECT cart_id FROM new_orders) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO report_cart_days AS t (day, slot, carts, converted_carts, paid_orders)
  SELECT report_utc_day(c.created_at), report_slot(c.id), 0,
         count(*) FILTER (WHERE (SELECT count(*) FROM orders o WHERE o.cart_id = p.cart_id) = p.orders),
         sum(p.paid)
  FROM (
    SELECT cart_id, count(*) AS orders,
           count(*) FILTER (WHERE payment_status IN ('paid', 'refund_pending', 'refunded')) AS paid
    FROM new_orders WHERE cart_id IS NOT NULL GROUP BY cart_id
  ) p
  JOIN carts c ON c.id = p.cart_id
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, slot) DO UPDATE
    SET converted_carts = t.converted_carts + excluded.converted_carts, paid_orders = t.paid_orders + excluded.paid_orders;
  RETURN NULL;
END;
$$;

-- orders, UPDATE: each changed order leaves what it counted for and counts for what it now is.
CREATE FUNCTION report_orders_updated() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO report_order_statuses AS t (status, slot, orders)
  SELECT status, slot, sum(delta) FROM (
    SELECT o.status, report_slot(o.id) AS slot, -1 AS delta
    FROM old_orders o JOIN new_orders n ON n.id = o.id WHERE o.status <> n.status
    UNION ALL
    SELECT n.status, report_slot(n.id), 1
    FROM old_orders o JOIN new_orders n ON n.id = o.id WHERE o.status <> n.status
  ) d
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (status, slot) DO UPDATE SET orders = t.orders + excluded.orders;

  -- Revenue: on the day of the first paid transition (already in order_history when an order that was
  -- paid before, then cancelled, is paid again; written after this update the first time).
  INSERT INTO report_revenue_days AS t (day, currency, slot, orders, revenue_minor)
  SELECT report_utc_day(f.paid_at), x.currency, report_slot(x.id), sum(x.sign), sum(x.sign * x.total_minor)
  FROM (
    SELECT o.id, o.currency, o.total_minor, -1 AS sign
    FROM old_orders o JOIN new_orders n ON n.id = o.id
    WHERE o.status IN ('paid', 'fulfilled', 'delivered')
      AND (n.status NOT IN ('paid', 'fulfilled', 'delivered') OR n.currency <> o.currency OR n.total_minor <> o.total_minor)
    UNION ALL
    SELECT n.id, n.currency, n.total_minor, 1
    FROM old_orders o JOIN new_orders n ON n.id = o.id
    WHERE n.status IN ('paid', 'fulfilled', 'delivered')
      AND (o.status NOT IN ('paid', 'fulfilled', 'delivered') OR n.currency <> o.currency OR n.total_minor <> o.total_minor)
  ) x
  CROSS JOIN LATERAL (
    SELECT min(h.created_at) AS paid_at FROM order_history h WHERE h.order_id = x.id AND h.to_status = 'paid'
  ) f
  WHERE f.paid_at IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, currency, slot) DO UPDATE
    SET orders = t.orders + excluded.orders, revenue_minor = t.revenue_minor + excluded.revenue_minor;

  INSERT INTO report_product_sales_days AS t (day, product_id, currency, units, revenue_minor)
  SELECT x.day, l.product_id, x.currency, sum(x.sign * l.quantity), sum(x.sign * l.quantity::bigint * l.unit_price_minor)
  FROM (
    SELECT o.id, report_utc_day(o.created_at) AS day, o.currency, -1 AS sign
    FROM old_orders o JOIN new_orders n ON n.id = o.id
    WHERE o.status IN ('paid', 'fulfilled', 'delivered')
      AND (n.status NOT IN ('paid', 'fulfilled', 'delivered') OR n.currency <> o.currency OR n.created_at <> o.created_at)
    UNION ALL
    SELECT n.id, report_utc_day(n.created_at), n.currency, 1
    FROM old_orders o JOIN new_orders n ON n.id = o.id
    WHERE n.status IN ('paid', 'fulfilled', 'delivered')
      AND (o.status NOT IN ('paid', 'fulfilled', 'delivered') OR n.currency <> o.currency OR n.created_at <> o.created_at)
  ) x
  JOIN order_lines l ON l.order_id = x.id
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, product_id, currency) DO UPDATE
    SET units = t.units + excluded.units, revenue_minor = t.revenue_minor + excluded.revenue_minor;

  -- Conversion: a paid payment moves the cart's paid orders; a cart_id set to null (the cart was
  -- deleted, see report_cart_deleted) or moved changes which cart the order counts for.
  INSERT INTO report_cart_days AS t (day, slot, carts, converted_carts, paid_orders)
  SELECT report_utc_day(c.created_at), report_slot(c.id), 0,
         sum(CASE WHEN p.orders = 0 THEN 0 ELSE
               ((SELECT count(*) FROM orders o WHERE o.cart_id = p.cart_id) > 0)::int
               - ((SELECT count(*) FROM orders o WHERE o.cart_id = p.cart_id) - p.orders > 0)::int END),
         sum(p.paid)
  FROM (
    SELECT cart_id, sum(orders) AS orders, sum(paid) AS paid FROM (
      SELECT o.cart_id, -1 AS orders, -(o.payment_status IN ('paid', 'refund_pending', 'refunded'))::int AS paid
      FROM old_orders o JOIN new_orders n ON n.id = o.id
      WHERE o.cart_id IS DISTINCT FROM n.cart_id
         OR (o.payment_status IN ('paid', 'refund_pending', 'refunded')) <> (n.payment_status IN ('paid', 'refund_pending', 'refunded'))
      UNION ALL
      SELECT n.cart_id, 1, (n.payment_status IN ('paid', 'refund_pending', 'refunded'))::int
      FROM old_orders o JOIN new_orders n ON n.id = o.id
      WHERE o.cart_id IS DISTINCT FROM n.cart_id
         OR (o.payment_status IN ('paid', 'refund_pending', 'refunded')) <> (n.payment_status IN ('paid', 'refund_pending', 'refunded'))
    ) m
    WHERE cart_id IS NOT NULL
    GROUP BY cart_id
  ) p
  JOIN carts c ON c.id = p.cart_id
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, slot) DO UPDATE
    SET converted_carts = t.converted_carts + excluded.converted_carts, paid_orders = t.paid_orders + excluded.paid_orders;
  RETURN NULL;
END;
$$;

-- orders, DELETE (the shop never deletes an order; by hand it must not leave the reports behind):
-- before the row and, by cascade, its lines and history go, it leaves everything it counted for.
CREATE FUNCTION report_order_deleted() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  paid_at timestamptz;
  cart_day date;
BEGIN
  UPDATE report_order_statuses SET orders = orders - 1 WHERE status = OLD.status AND slot = report_slot(OLD.id);
  IF OLD.status IN ('paid', 'fulfilled', 'delivered') THEN
    SELECT min(created_at) INTO paid_at FROM order_history WHERE order_id = OLD.id AND to_status = 'paid';
    IF paid_at IS NOT NULL THEN
      UPDATE report_revenue_days SET orders = orders - 1, revenue_minor = revenue_minor - OLD.total_minor
      WHERE day = report_utc_day(paid_at) AND currency = OLD.currency AND slot = report_slot(OLD.id);
    END IF;
    UPDATE report_product_sales_days t SET units = t.units - l.units, revenue_minor = t.revenue_minor - l.revenue_minor
    FROM (
      SELECT product_id, sum(quantity) AS units, sum(quantity::bigint * unit_price_minor) AS revenue_minor
      FROM order_lines WHERE order_id = OLD.id GROUP BY product_id
    ) l
    WHERE t.day = report_utc_day(OLD.created_at) AND t.product_id = l.product_id AND t.currency = OLD.currency;
  END IF;
  IF OLD.cart_id IS NOT NULL THEN
    SELECT report_utc_day(created_at) INTO cart_day FROM carts WHERE id = OLD.cart_id FOR NO KEY UPDATE;
    UPDATE report_cart_days
    SET converted_carts = converted_carts
          - (NOT EXISTS (SELECT 1 FROM orders WHERE cart_id = OLD.cart_id AND id <> OLD.id))::int,
        paid_orders = paid_orders - (OLD.payment_status IN ('paid', 'refund_pending', 'refunded'))::int
    WHERE day = cart_day AND slot = report_slot(OLD.cart_id);
  END IF;
  RETURN OLD;
END;
$$;

-- order_history, INSERT: a paid transition earlier than the order's first one so far (or its first)
-- moves the order's revenue to that day, if the order counts as paid.
CREATE FUNCTION report_history_inserted() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  WITH paid AS (
    SELECT order_id, min(created_at) AS paid_at FROM new_history WHERE to_status = 'paid' GROUP BY order_id
  ),
  prior AS (
    SELECT h.order_id, min(h.created_at) AS paid_at
    FROM order_history h JOIN paid p ON p.order_id = h.order_id
    WHERE h.to_status = 'paid' AND NOT EXISTS (SELECT 1 FROM new_history n WHERE n.id = h.id)
    GROUP BY h.order_id
  ),
  moved AS (
    SELECT p.order_id, r.paid_at AS before, least(r.paid_at, p.paid_at) AS after
    FROM paid p LEFT JOIN prior r ON r.order_id = p.order_id
    WHERE r.paid_at IS NULL OR p.paid_at < r.paid_at
  )
  INSERT INTO report_revenue_days AS t (day, currency, slot, orders, revenue_minor)
  SELECT day, currency, slot, sum(orders), sum(revenue_minor) FROM (
    SELECT report_utc_day(m.before) AS day, o.currency, report_slot(o.id) AS slot, -1 AS orders, -o.total_minor AS revenue_minor
    FROM moved m JOIN orders o ON o.id = m.order_id
    WHERE m.before IS NOT NULL AND o.status IN ('paid', 'fulfilled', 'delivered')
    UNION ALL
    SELECT report_utc_day(m.after), o.currency, report_slot(o.id), 1, o.total_minor
    FROM moved m JOIN orders o ON o.id = m.order_id
    WHERE o.status IN ('paid', 'fulfilled', 'delivered')
  ) d
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, currency, slot) DO UPDATE
    SET orders = t.orders + excluded.orders, revenue_minor = t.revenue_minor + excluded.revenue_minor;
  RETURN NULL;
END;
$$;

-- order_lines, INSERT: the lines of an order that already counts as paid (seed:large writes orders
-- in their final status before their lines; checkout's orders are unpaid and count when paid).
CREATE FUNCTION report_lines_inserted() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO report_product_sales_days AS t (day, product_id, currency, units, revenue_minor)
  SELECT report_utc_day(o.created_at), l.product_id, o.currency, sum(l.quantity), sum(l.quantity::bigint * l.unit_price_minor)
  FROM new_lines l JOIN orders o ON o.id = l.order_id
  WHERE o.status IN ('paid', 'fulfilled', 'delivered')
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, product_id, currency) DO UPDATE
    SET units = t.units + excluded.units, revenue_minor = t.revenue_minor + excluded.revenue_minor;
  RETURN NULL;
END;
$$;

-- Order lines are what was sold and the history is what happened: neither is rewritten. Removing
-- them goes through removing their order (the cascade from report_order_deleted's DELETE).
CREATE FUNCTION report_refuse_rewrite() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% rows are never changed (% refused): the reports count them', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

-- carts, INSERT: a cart more on the day it was created.
CREATE FUNCTION report_carts_inserted() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO report_cart_days AS t (day, slot, carts, converted_carts, paid_orders)
  SELECT report_utc_day(created_at), report_slot(id), count(*), 0, 0 FROM new_carts GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, slot) DO UPDATE SET carts = t.carts + excluded.carts;
  RETURN NULL;
END;
$$;

-- carts, DELETE (the shop never deletes a cart): the cart leaves its day with its orders' figures,
-- before the cascade sets their cart_id to null (report_orders_updated then finds no cart).
CREATE FUNCTION report_cart_deleted() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE report_cart_days t
  SET carts = t.carts - 1, converted_carts = t.converted_carts - (k.orders > 0)::int, paid_orders = t.paid_orders - k.paid
  FROM (
    SELECT count(*) AS orders,
           count(*) FILTER (WHERE payment_status IN ('paid', 'refund_pending', 'refunded')) AS paid
    FROM orders WHERE cart_id = OLD.id
  ) k
  WHERE t.day = report_utc_day(OLD.created_at) AND t.slot = report_slot(OLD.id);
  RETURN OLD;
END;
$$;

CREATE FUNCTION report_refuse_cart_redate() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a cart''s created_at is not changed: the conversion report counts carts by it'
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER report_orders_inserted AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION report_orders_inserted();
CREATE TRIGGER report_orders_updated AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION report_orders_updated();
CREATE TRIGGER report_order_deleted BEFORE DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION report_order_deleted();
CREATE TRIGGER report_history_inserted AFTER INSERT ON order_history
  REFERENCING NEW TABLE AS new_history FOR EACH STATEMENT EXECUTE FUNCTION report_history_inserted();
CREATE TRIGGER report_history_kept BEFORE UPDATE OR DELETE ON order_history
  FOR EACH ROW EXECUTE FUNCTION report_refuse_rewrite();
CREATE TRIGGER report_lines_inserted AFTER INSERT ON order_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION report_lines_inserted();
CREATE TRIGGER report_lines_kept BEFORE UPDATE OR DELETE ON order_lines
  FOR EACH ROW EXECUTE FUNCTION report_refuse_rewrite();
CREATE TRIGGER report_carts_inserted AFTER INSERT ON carts
  REFERENCING NEW TABLE AS new_carts FOR EACH STATEMENT EXECUTE FUNCTION report_carts_inserted();
CREATE TRIGGER report_cart_deleted BEFORE DELETE ON carts
  FOR EACH ROW EXECUTE FUNCTION report_cart_deleted();
CREATE TRIGGER report_cart_redated BEFORE UPDATE OF created_at ON carts
  FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at) EXECUTE FUNCTION report_refuse_cart_redate();
