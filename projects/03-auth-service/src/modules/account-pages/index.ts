/**
 * The account-pages feature: the auth service's web pages (the pages an emailed link opens, and the
 * account security page) and their assets.
 */
export { ACCOUNT_PAGE_CSP, accountPageRoutes, ACCOUNT_PAGE_FILES, ACCOUNT_PAGES } from './account-pages.routes.js';
