/** Single-use, expiring tokens sent by email (verify-email, reset-password), stored as hashes. */
import { Schema, type Types, type Connection, type Model } from 'mongoose';

const EMAIL_TOKEN_PURPOSES = ['verify-email', 'reset-password'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

export interface EmailTokenFields {
  tokenHash: string;
  purpose: EmailTokenPurpose;
  userId: Types.ObjectId;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type EmailTokenModel = Model<EmailTokenFields>;

const emailTokenSchema = new Schema<EmailTokenFields>(
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

export function createEmailTokenModel(connection: Connection): EmailTokenModel {
  return connection.model<EmailTokenFields>('EmailToken', emailTokenSchema);
}
