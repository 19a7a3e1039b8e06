/** A stored passkey as its owner sees it: never the public key or the counter. */
import type { PasskeyRecord } from './passkey.model.js';
import type { Passkey } from './passkey.schemas.js';

export function toPasskey(passkey: PasskeyRecord): Passkey {
  return {
    id: passkey._id.toString(),
    name: passkey.name,
    deviceType: passkey.deviceType,
    backedUp: passkey.backedUp,
    transports: passkey.transports ?? [],
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
  };
}
