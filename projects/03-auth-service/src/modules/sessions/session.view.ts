/** A session as its user sees it: where and when it was used, and whether it is the current one. */
import type { SessionRecord } from './session.model.js';
import type { Session } from './session.schemas.js';

export function toSession(session: SessionRecord, currentSessionId?: string): Session {
  const id = session._id.toString();
  return {
    id,
    userAgent: session.userAgent ?? '',
    ip: session.ip ?? '',
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    current: id === currentSessionId,
  };
}
