/** The only code that queries MFA tickets; using one is a single conditional update. */
import type { Connection, Types } from 'mongoose';
import { createMfaTicketModel, type MfaTicketModel, type MfaTicketRecord } from './mfa-ticket.model.js';

export interface NewMfaTicket {
  ticketHash: string;
  userId: Types.ObjectId;
  amr: string[];
  createdAt: Date;
  expiresAt: Date;
}

export class MfaTicketRepository {
  private readonly tickets: MfaTicketModel;

  constructor(connection: Connection) {
    this.tickets = createMfaTicketModel(connection);
  }

  async create(ticket: NewMfaTicket): Promise<void> {
    await this.tickets.create(ticket);
  }

  /** The ticket if it is unused, unexpired at `now` and has fewer than `maxFailures` failures. */
  async findLive(ticketHash: string, now: Date, maxFailures: number): Promise<MfaTicketRecord | null> {
    return this.tickets
      .findOne({ ticketHash, usedAt: null, expiresAt: { $gt: now }, failures: { $lt: maxFailures } })
      .lean<MfaTicketRecord>();
  }

  /** Uses the live ticket; false when another request used it first, or it expired meanwhile. */
  async use(id: Types.ObjectId, now: Date): Promise<boolean> {
    const result = await this.tickets.updateOne(
      { _id: id, usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
    );
    return result.modifiedCount === 1;
  }

  async countFailure(id: Types.ObjectId): Promise<void> {
    await this.tickets.updateOne({ _id: id }, { $inc: { failures: 1 } });
  }

  /** Deletes tickets that can never be used again (used or expired by `now`); answers how many. */
  async deleteSpent(now: Date): Promise<number> {
    return (await this.tickets.deleteMany({ $or: [{ expiresAt: { $lte: now } }, { usedAt: { $ne: null } }] }))
      .deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.tickets.createIndexes();
  }
}
