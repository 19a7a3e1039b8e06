/** The only code that queries the audit events collection. */
import { type Page, type PageRequest } from '@roadmap/core';
import { findPage } from '@roadmap/core/mongo';
import type { Connection } from 'mongoose';
import {
  createAuditEventModel,
  type AuditEventModel,
  type AuditEventRecord,
  type AuditEventType,
} from './audit.model.js';

export type NewAuditEvent = Pick<AuditEventRecord, 'userId' | 'actorId' | 'email' | 'ip' | 'createdAt'> & {
  type: AuditEventType;
  details: Record<string, unknown>;
};

export class AuditEventRepository {
  private readonly events: AuditEventModel;

  constructor(connection: Connection) {
    this.events = createAuditEventModel(connection);
  }

  async create(event: NewAuditEvent): Promise<void> {
    await this.events.create(event);
  }

  /** Newest first, optionally of one type or about one user. */
  async page(
    filter: { type?: AuditEventType; userId?: string },
    request: PageRequest,
  ): Promise<Page<AuditEventRecord>> {
    const query = {
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.userId ? { userId: filter.userId } : {}),
    };
    return findPage<AuditEventRecord>(this.events, query, request, { field: 'createdAt', direction: 'desc' });
  }

  /** Deletes the events recorded before `cutoff`; answers how many. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.events.deleteMany({ createdAt: { $lt: cutoff } })).deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.events.createIndexes();
  }
}
