/** The account-pages feature: the pages an emailed link opens (verify the address, reset the password). */
export { accountPageRoutes, ACCOUNT_PAGE_FILES, ACCOUNT_PAGES } from './account-pages.routes.js';
