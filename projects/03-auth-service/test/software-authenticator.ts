/**
 * A passkey authenticator in software, for API tests: a P-256 key pair per credential, answers in the
 * WebAuthn JSON a browser sends (attestation "none", user presence and verification set), and a
 * signature counter that goes up by one per assertion. `clone()` copies a credential as it is now,
 * counter included, as a copied passkey would be. The browser test drives Chromium's own.
 */
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

interface CreationOptions {
  challenge: string;
  rp: { id?: string };
  user: { id: string };
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
}

export interface SoftwarePasskey {
  credentialId: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  counter: number;
  userHandle: string;
}

export function softwareAuthenticator(origin: string) {
  const clientData = (type: string, challenge: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  // Flags: UP (0x01) and UV (0x04); AT (0x40) when attested credential data follows.
  const authData = (rpId: string, flags: number, counter: number, attested = Buffer.alloc(0)) => {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, attested]);
  };

  return {
    /** What navigator.credentials.create() answers for these options: a new discoverable passkey. */
    create(options: CreationOptions): { passkey: SoftwarePasskey; response: Record<string, unknown> } {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const cose = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x ?? '', 'base64url')],
          [-3, Buffer.from(jwk.y ?? '', 'base64url')],
        ]),
      );
      const credentialId = randomBytes(16);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, Buffer.from(cose)]);
      const data = authData(options.rp.id ?? new URL(origin).hostname, 0x45, 0, attested);
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Map<string, never> | Uint8Array>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, never>()],
          ['authData', data],
        ]),
      );
      const passkey = { credentialId, privateKey, publicKey, counter: 0, userHandle: options.user.id };
      return {
        passkey,
        response: {
          id: b64url(credentialId),
          rawId: b64url(credentialId),
          type: 'public-key',
          response: {
            clientDataJSON: b64url(clientData('webauthn.create', options.challenge)),
            attestationObject: b64url(attestationObject),
            transports: ['internal'],
          },
          clientExtensionResults: {},
        },
      };
    },

    /** What navigator.credentials.get() answers with `passkey`: its counter goes up by one. */
    assert(passkey: SoftwarePasskey, options: RequestOptions): Record<string, unknown> {
      passkey.counter += 1;
      const data = authData(options.rpId ?? new URL(origin).hostname, 0x05, passkey.counter);
      const json = clientData('webauthn.get', options.challenge);
      const signature = createSign('sha256')
        .update(Buffer.concat([data, sha256(json)]))
        .sign(passkey.privateKey);
      return {
        id: b64url(passkey.credentialId),
        rawId: b64url(passkey.credentialId),
        type: 'public-key',
        response: {
          clientDataJSON: b64url(json),
          authenticatorData: b64url(data),
          signature: b64url(signature),
          userHandle: passkey.userHandle,
        },
        clientExtensionResults: {},
      };
    },

    /** A copy of the credential as it is now, counter included. */
    clone(passkey: SoftwarePasskey): SoftwarePasskey {
      return { ...passkey };
    },
  };
}
