/** The storefront feature: the shopper's web page at /store/, on the shop's public API. */
export { storefrontRoutes, STOREFRONT_FILES } from './storefront.routes.js';
export type { StorefrontSettings } from './storefront-page.js';
