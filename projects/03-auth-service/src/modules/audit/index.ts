/** The audit feature, as the rest of the project sees it: record security events, list them, know the caller. */
export { AUDIT_EVENT_TYPES, type AuditEventType } from './audit.model.js';
export { AuditEventRepository } from './audit.repository.js';
export { AuditListQuerySchema, AuditPageSchema, type AuditListQuery } from './audit.schemas.js';
export { AuditLog, type AuditEntry } from './audit.service.js';
export { clientInfo, type ClientInfo } from './client-info.js';
