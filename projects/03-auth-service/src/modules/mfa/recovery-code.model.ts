/**
 * Recovery codes, one document each, stored only as keyed digests (secret-box.ts). Using one is a
 * single conditional update that also records the email telling the owner (`owedMail`), so a code
 * is never used without the owner being told.
 */
import { withOwedMail } from '@roadmap/mail/mongo';
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

const recoveryCodeSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    codeDigest: { type: String, required: true },
    createdAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    usedFromIp: { type: String, default: null },
  },
  { strict: 'throw' },
);
recoveryCodeSchema.index({ userId: 1, codeDigest: 1 }, { unique: true });
withOwedMail(recoveryCodeSchema);

export type RecoveryCodeModel = Model<InferSchemaType<typeof recoveryCodeSchema>>;
export type RecoveryCodeRecord = InferRawDocTypeFromSchema<typeof recoveryCodeSchema>;

export function createRecoveryCodeModel(connection: Connection): RecoveryCodeModel {
  return connection.model('RecoveryCode', recoveryCodeSchema);
}
