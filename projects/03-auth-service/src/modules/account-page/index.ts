/** The account page feature: the static security page and its assets. */
export { ACCOUNT_PAGE_CSP, accountPageRoutes } from './account-page.routes.js';
