/** Who is calling, for session records and audit lines: IP (per `trust proxy`), user agent, request logger. */
import type { Logger } from '@roadmap/core';
import type { Request } from 'express';

export interface ClientInfo {
  ip: string;
  userAgent: string;
  log?: Logger;
}

export function clientInfo(req: Request): ClientInfo {
  return { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') ?? '', log: req.log };
}
