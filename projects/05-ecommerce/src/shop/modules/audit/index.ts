/** The audit feature: the admin audit trail other features write to inside their transactions. */
export { AuditRepository } from './audit.repository.js';
export { adminActor, AuditLog } from './audit.service.js';
export { auditAdminRoutes } from './audit.routes.js';
export { registerAuditPaths } from './audit.openapi.js';
export type { AdminActor, AuditTarget } from './audit.schemas.js';
