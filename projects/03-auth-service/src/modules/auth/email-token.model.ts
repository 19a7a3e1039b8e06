/**
 * Single-use, expiring tokens sent by email (verify-email, reset-password), stored as hashes. A new
 * token carries the email that delivers its link (`owedMail`), written in the same insert, until
 * the mail path relays it to its own collection (where the body is erased once sent).
 */
import { withOwedMail } from '@roadmap/mail/mongo';
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

export const EMAIL_TOKEN_PURPOSES = ['verify-email', 'reset-password'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

const emailTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    purpose: { type: String, enum: EMAIL_TOKEN_PURPOSES, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
emailTokenSchema.index({ tokenHash: 1 }, { unique: true });
// The data-retention job deletes by these dates.
emailTokenSchema.index({ expiresAt: 1 });
emailTokenSchema.index({ usedAt: 1 });
withOwedMail(emailTokenSchema);

export type EmailTokenModel = Model<InferSchemaType<typeof emailTokenSchema>>;
export type EmailTokenRecord = InferRawDocTypeFromSchema<typeof emailTokenSchema>;

export function createEmailTokenModel(connection: Connection): EmailTokenModel {
  return connection.model('EmailToken', emailTokenSchema);
}
