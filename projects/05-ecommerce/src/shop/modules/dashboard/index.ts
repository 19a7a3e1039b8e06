/** The dashboard feature: the admin web page, bull-board, and the board's session. */
export { dashboardRoutes, queuesSessionRoutes, DASHBOARD_FILES } from './dashboard.routes.js';
export { registerDashboardPaths } from './dashboard.openapi.js';
export { QUEUES_PATH } from './bull-board.js';
export type { DashboardSettings } from './dashboard-page.js';
