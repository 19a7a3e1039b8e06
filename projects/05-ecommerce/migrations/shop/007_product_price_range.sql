-- Catalog search read every matching product's variants, four times per request (the page and each
-- facet), to find its price range and whether it is in stock (README "At scale"). The range and the
-- number of variants now live on the product, kept by a trigger on variants in the same transaction
-- as the variant change. Stock is still read live from the variants: it changes with every checkout,
-- and a product row written then would serialize the checkouts of one product (and take product locks
-- in an order other than checkout's variant order).

LOCK TABLE products, variants IN SHARE ROW EXCLUSIVE MODE;
SET LOCAL statement_timeout = 0;

ALTER TABLE products
  ADD COLUMN min_price_minor integer,
  ADD COLUMN max_price_minor integer,
  ADD COLUMN price_currency char(3),
  ADD COLUMN variant_count integer NOT NULL DEFAULT 0;

UPDATE products p
SET min_price_minor = v.min_price, max_price_minor = v.max_price, price_currency = v.currency,
    variant_count = v.variants
FROM (
  SELECT product_id, min(price_minor) AS min_price, max(price_minor) AS max_price, min(currency) AS currency,
         count(*) AS variants
  FROM variants GROUP BY product_id
) v
WHERE v.product_id = p.id;

ANALYZE products;

-- Search: a product is sold out when all its variants are (variant_count of them), so the sold-out
-- variants, a few thousand in this small index, answer "in stock" for every match in one hash join.
CREATE INDEX variants_sold_out_idx ON variants (product_id) WHERE on_hand <= reserved;

-- Recomputes the range and count of the products whose variants a statement inserted, deleted, or changed in
-- price, currency or product. Checkouts change only stock, so they never fire it (WHEN below) and
-- never lock a product row. Products are locked in id order: two admins editing variants cannot
-- deadlock, and the recount, a statement after the lock, sees what the other committed.
CREATE FUNCTION product_price_range_refresh(ids uuid[]) RETURNS void
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM 1 FROM products WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE products p
  SET min_price_minor = v.min_price, max_price_minor = v.max_price, price_currency = v.currency,
      variant_count = v.variants
  FROM (
    SELECT i.id, min(x.price_minor) AS min_price, max(x.price_minor) AS max_price, min(x.currency) AS currency,
           count(x.id) AS variants
    FROM unnest(ids) AS i(id) LEFT JOIN variants x ON x.product_id = i.id
    GROUP BY i.id
  ) v
  WHERE p.id = v.id
    AND (p.min_price_minor, p.max_price_minor, p.price_currency, p.variant_count)
        IS DISTINCT FROM (v.min_price, v.max_price, v.currency, v.variants);
END;
$$;

CREATE FUNCTION product_price_range_inserted() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM product_price_range_refresh(ARRAY(SELECT DISTINCT product_id FROM new_variants));
  RETURN NULL;
END;
$$;

CREATE FUNCTION product_price_range_deleted() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM product_price_range_refresh(ARRAY(SELECT DISTINCT product_id FROM old_variants));
  RETURN NULL;
END;
$$;

CREATE FUNCTION product_price_range_changed() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM product_price_range_refresh(ARRAY[OLD.product_id, NEW.product_id]);
  RETURN NULL;
END;
$$;

CREATE TRIGGER product_price_range_inserted AFTER INSERT ON variants
  REFERENCING NEW TABLE AS new_variants FOR EACH STATEMENT EXECUTE FUNCTION product_price_range_inserted();
CREATE TRIGGER product_price_range_deleted AFTER DELETE ON variants
  REFERENCING OLD TABLE AS old_variants FOR EACH STATEMENT EXECUTE FUNCTION product_price_range_deleted();
CREATE TRIGGER product_price_range_changed AFTER UPDATE OF price_minor, currency, product_id ON variants
  FOR EACH ROW
  WHEN (OLD.price_minor <> NEW.price_minor OR OLD.currency <> NEW.currency OR OLD.product_id <> NEW.product_id)
  EXECUTE FUNCTION product_price_range_changed();
