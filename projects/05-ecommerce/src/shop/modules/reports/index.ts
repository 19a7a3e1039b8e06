/** The reports feature: the admin dashboard's figures, computed in SQL. */
export { ReportRepository } from './report.repository.js';
export { ReportService } from './report.service.js';
export { reportAdminRoutes } from './report.routes.js';
export { registerReportPaths } from './report.openapi.js';
