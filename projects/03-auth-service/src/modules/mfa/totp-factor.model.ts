/**
 * A user's authenticator-app factor: the TOTP secret, sealed (secret-box.ts), pending until a first
 * valid code activates it, and the last time step accepted, so a code is never accepted twice.
 */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

export const TOTP_STATUSES = ['pending', 'active'] as const;

const totpFactorSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    /** AES-256-GCM sealed, bound to the user id; never returned once enrolment is confirmed. */
    sealedSecret: { type: String, required: true },
    status: { type: String, enum: TOTP_STATUSES, required: true },
    createdAt: { type: Date, required: true },
    activatedAt: { type: Date, default: null },
    /** The last RFC 6238 time step accepted; only a later one is accepted next (replay). */
    lastUsedStep: { type: Number, default: 0 },
  },
  { strict: 'throw' },
);
totpFactorSchema.index({ userId: 1 }, { unique: true });

export type TotpFactorModel = Model<InferSchemaType<typeof totpFactorSchema>>;
export type TotpFactorRecord = InferRawDocTypeFromSchema<typeof totpFactorSchema>;

export function createTotpFactorModel(connection: Connection): TotpFactorModel {
  return connection.model('TotpFactor', totpFactorSchema);
}
