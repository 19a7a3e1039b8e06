/**
 * Passkeys as the API shows them, and the WebAuthn JSON a browser sends back (what
 * @simplewebauthn/browser's startRegistration() and startAuthentication() answer). Byte fields are
 * base64url; fields a browser may add are kept for the library, which checks what it signs.
 */
import { nonBlank, objectIdSchema } from '@roadmap/core';
import { z } from 'zod';

const Base64UrlSchema = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
    .meta({ example: 'AQIDBAUGBwgJCgsMDQ4PEA' });

const CredentialIdSchema = Base64UrlSchema(1400);

export const PasskeyNameSchema = nonBlank(z.string().trim().min(1, 'name must not be empty').max(60)).meta({
  example: 'Laptop passkey',
});

export const RegistrationResponseSchema = z
  .object({
    id: CredentialIdSchema,
    rawId: CredentialIdSchema,
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: Base64UrlSchema(4096),
      attestationObject: Base64UrlSchema(8192),
      authenticatorData: Base64UrlSchema(4096).optional(),
      publicKey: Base64UrlSchema(2048).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      transports: z
        .array(z.string().max(20).meta({ example: 'internal' }))
        .max(10)
        .optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  })
  .meta({ id: 'PasskeyRegistrationResponse', description: 'What navigator.credentials.create() answered, as JSON.' });

export const AuthenticationResponseSchema = z
  .object({
    id: CredentialIdSchema,
    rawId: CredentialIdSchema,
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: Base64UrlSchema(4096),
      authenticatorData: Base64UrlSchema(4096),
      signature: Base64UrlSchema(2048),
      userHandle: Base64UrlSchema(128).optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  })
  .meta({ id: 'PasskeyAssertion', description: 'What navigator.credentials.get() answered, as JSON.' });

export const RegisterPasskeyBodySchema = z
  .strictObject({
    response: RegistrationResponseSchema,
    name: PasskeyNameSchema.optional().meta({ description: 'Defaults to "Passkey <n>".' }),
  })
  .meta({ id: 'RegisterPasskeyBody' });

export const RenamePasskeyBodySchema = z.strictObject({ name: PasskeyNameSchema }).meta({ id: 'RenamePasskeyBody' });

export const PasskeyIdParamsSchema = z.object({ id: objectIdSchema('passkey id') });

export const PasskeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    deviceType: z.string().meta({ description: 'singleDevice, or multiDevice for a synced passkey.' }),
    backedUp: z.boolean(),
    transports: z.array(z.string()),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Passkey' });

export const PasskeyListSchema = z.object({ data: z.array(PasskeySchema) }).meta({ id: 'PasskeyList' });
export const PasskeyEnvelopeSchema = z.object({ passkey: PasskeySchema }).meta({ id: 'PasskeyEnvelope' });
export const RegisteredPasskeySchema = z
  .object({
    passkey: PasskeySchema,
    recoveryCodes: z
      .array(z.string())
      .nullable()
      .meta({ description: "The account's first factor: its 10 recovery codes, shown once. Otherwise null." }),
  })
  .meta({ id: 'RegisteredPasskey' });

export const CreationOptionsSchema = z
  .object({ challenge: z.string(), rp: z.object({ id: z.string().optional(), name: z.string() }) })
  .catchall(z.unknown())
  .meta({
    id: 'PasskeyCreationOptions',
    description: 'PublicKeyCredentialCreationOptionsJSON: pass to startRegistration({ optionsJSON }).',
  });

export const RequestOptionsSchema = z
  .object({ challenge: z.string(), rpId: z.string().optional() })
  .catchall(z.unknown())
  .meta({
    id: 'PasskeyRequestOptions',
    description: 'PublicKeyCredentialRequestOptionsJSON: pass to startAuthentication({ optionsJSON }).',
  });

export type RegistrationResponseBody = z.output<typeof RegistrationResponseSchema>;
export type AuthenticationResponseBody = z.output<typeof AuthenticationResponseSchema>;
export type RegisterPasskeyBody = z.output<typeof RegisterPasskeyBodySchema>;
export type RenamePasskeyBody = z.output<typeof RenamePasskeyBodySchema>;
export type Passkey = z.output<typeof PasskeySchema>;
