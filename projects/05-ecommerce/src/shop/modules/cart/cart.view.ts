/** Cart rows -> the API shape, prices as they are now. */
import type { CartLineRow } from './cart.repository.js';
import type { Cart } from './cart.schemas.js';

export function toCart(id: string | null, token: string | null, lines: CartLineRow[]): Cart {
  const items = lines.map((line) => ({
    variantId: line.variant_id,
    sku: line.sku,
    productSlug: line.product_slug,
    name: line.name,
    options: line.options,
    quantity: line.quantity,
    unitPriceMinor: line.price_minor,
    lineTotalMinor: line.price_minor * line.quantity,
    currency: line.currency,
    saleable: Math.max(0, Number(line.saleable)),
  }));
  return {
    id,
    token,
    items,
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    currency: items[0]?.currency ?? null,
    subtotalMinor: items.reduce((sum, item) => sum + item.lineTotalMinor, 0),
  };
}
