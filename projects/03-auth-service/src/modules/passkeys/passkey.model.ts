/**
 * Passkeys (WebAuthn credentials): the public key and the signature counter the authenticator last
 * reported, which must only go up (a counter that goes backwards means a cloned credential).
 */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

const passkeySchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    /** base64url, as the browser names the credential. */
    credentialId: { type: String, required: true, maxlength: 1400 },
    /** The COSE public key, base64url. */
    publicKey: { type: String, required: true },
    counter: { type: Number, required: true, default: 0 },
    transports: { type: [String], default: [] },
    name: { type: String, required: true, trim: true, maxlength: 60 },
    /** singleDevice or multiDevice (synced), and whether it is backed up, as the authenticator said. */
    deviceType: { type: String, required: true },
    backedUp: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
passkeySchema.index({ credentialId: 1 }, { unique: true });
passkeySchema.index({ userId: 1, createdAt: 1 });

export type PasskeyModel = Model<InferSchemaType<typeof passkeySchema>>;
export type PasskeyRecord = InferRawDocTypeFromSchema<typeof passkeySchema>;

export function createPasskeyModel(connection: Connection): PasskeyModel {
  return connection.model('Passkey', passkeySchema);
}
