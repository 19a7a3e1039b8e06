/**
 * MFA tickets: what a password sign-in answers instead of tokens when the account has a second
 * factor. Stored as a hash, bound to one user, short-lived, used once; wrong second factors are
 * counted on it, so one password check buys only a few guesses.
 */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

const mfaTicketSchema = new Schema(
  {
    ticketHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** The methods already proven (the password), joined by the second factor's in the session. */
    amr: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    /** Expiry is enforced in queries (FerretDB has no TTL indexes); the retention job deletes old ones. */
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    failures: { type: Number, default: 0 },
  },
  { strict: 'throw' },
);
mfaTicketSchema.index({ ticketHash: 1 }, { unique: true });
mfaTicketSchema.index({ expiresAt: 1 });

export type MfaTicketModel = Model<InferSchemaType<typeof mfaTicketSchema>>;
export type MfaTicketRecord = InferRawDocTypeFromSchema<typeof mfaTicketSchema>;

export function createMfaTicketModel(connection: Connection): MfaTicketModel {
  return connection.model('MfaTicket', mfaTicketSchema);
}
