/**
 * The challenges handed to browsers for a WebAuthn ceremony: each is used once, within its lifetime,
 * for the purpose (and, when known, the user) it was made for, so an assertion cannot be replayed
 * or carried from one ceremony to another.
 */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

export const CHALLENGE_PURPOSES = ['registration', 'sign-in', 'second-factor'] as const;
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];

const webAuthnChallengeSchema = new Schema(
  {
    challenge: { type: String, required: true },
    purpose: { type: String, enum: CHALLENGE_PURPOSES, required: true },
    /** The user it was made for; null for a passwordless sign-in, where the passkey names the user. */
    userId: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
webAuthnChallengeSchema.index({ challenge: 1 }, { unique: true });
webAuthnChallengeSchema.index({ expiresAt: 1 });

export type WebAuthnChallengeModel = Model<InferSchemaType<typeof webAuthnChallengeSchema>>;
export type WebAuthnChallengeRecord = InferRawDocTypeFromSchema<typeof webAuthnChallengeSchema>;

export function createWebAuthnChallengeModel(connection: Connection): WebAuthnChallengeModel {
  return connection.model('WebAuthnChallenge', webAuthnChallengeSchema);
}
