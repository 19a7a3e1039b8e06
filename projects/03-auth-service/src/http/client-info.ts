import type { Request } from 'express';
import type { ClientInfo } from '../modules/sessions/session.service.js';

/** Who is calling, for sessions and audit lines: IP (per `trust proxy`), user agent, request logger. */
export function clientInfo(req: Request): ClientInfo {
  return { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') ?? '', log: req.log };
}
