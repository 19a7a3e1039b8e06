/** The cart feature: guest and user carts, live prices, merge on login. */
export { CartTokens, type CartOwner } from './cart-token.js';
export { CartRepository, type CartLineRow } from './cart.repository.js';
export { CartService } from './cart.service.js';
export { assertTotalWithinCap, MAX_TOTAL_MINOR, totalMinor } from './cart-rules.js';
export { cartRoutes } from './cart.routes.js';
export { registerCartPaths, CartCookieSchema, CartTokenHeaderSchema } from './cart.openapi.js';
