/**
 * Request and response schemas of the second-factor routes: signing in with a ticket or a passkey,
 * enrolling an authenticator app, recovery codes, the account's MFA status and step-up.
 */
import { nonBlank } from '@roadmap/core';
import { z } from 'zod';
import { AuthenticationResponseSchema } from '../passkeys/index.js';

const TotpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'code is the 6 digits the authenticator app shows')
  .meta({ example: '492039' });
const RecoveryCodeInputSchema = nonBlank(z.string().trim().min(10).max(20)).meta({ example: 'K7QXM-4TPZR' });
const TicketSchema = z.string().min(16).max(200).meta({ example: 'mfa_2Yk3cX0vQmR8sT1uW4zA6bC9dE' });

/** Exactly one second factor: a TOTP code, a recovery code, or a passkey assertion. */
const proofShape = {
  code: TotpCodeSchema.optional(),
  recoveryCode: RecoveryCodeInputSchema.optional(),
  passkey: AuthenticationResponseSchema.optional(),
};
const oneProof = <T extends { code?: unknown; recoveryCode?: unknown; passkey?: unknown }>(body: T) =>
  [body.code, body.recoveryCode, body.passkey].filter((value) => value !== undefined).length === 1;
const ONE_PROOF = { message: 'send exactly one of code, recoveryCode or passkey' };
/** The document's way of saying "exactly one of them": one `required` alternative per proof. */
const ONE_PROOF_DOCUMENTED = { oneOf: Object.keys(proofShape).map((field) => ({ required: [field] })) };

export const MfaLoginBodySchema = z
  .strictObject({ mfaTicket: TicketSchema, ...proofShape })
  .refine(oneProof, ONE_PROOF)
  .meta({ id: 'MfaLoginBody', ...ONE_PROOF_DOCUMENTED });

export const StepUpBodySchema = z
  .strictObject(proofShape)
  .refine(oneProof, ONE_PROOF)
  .meta({ id: 'StepUpBody', ...ONE_PROOF_DOCUMENTED });

export const MfaTicketBodySchema = z.strictObject({ mfaTicket: TicketSchema }).meta({ id: 'MfaTicketBody' });

export const PasskeyLoginBodySchema = z
  .strictObject({ response: AuthenticationResponseSchema })
  .meta({ id: 'PasskeyLoginBody' });

export const ConfirmTotpBodySchema = z.strictObject({ code: TotpCodeSchema }).meta({ id: 'ConfirmTotpBody' });

export const TotpEnrolmentSchema = z
  .object({
    secret: z.string().meta({ description: 'Base32, for typing into the app; answered only now.' }),
    otpauthUri: z.string().meta({ description: 'otpauth://totp/... (SHA-1, 6 digits, 30 s).' }),
    qrCode: z.string().meta({ description: 'The URI as an SVG QR code, a data: URL for an <img>.' }),
  })
  .meta({ id: 'TotpEnrolment' });

export const RecoveryCodesSchema = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .nullable()
      .meta({ description: 'Shown once, never again: null when the account had codes already.' }),
  })
  .meta({ id: 'RecoveryCodes' });

export const MfaStatusSchema = z
  .object({
    totp: z.enum(['off', 'pending', 'on']),
    passkeys: z.number().int(),
    recoveryCodesLeft: z.number().int(),
    enrolmentRequired: z.boolean().meta({ description: 'The role requires a second factor this account lacks.' }),
  })
  .meta({ id: 'MfaStatus' });

export const AccessTokenSchema = z
  .object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int() })
  .meta({ id: 'AccessToken' });

export type MfaLoginBody = z.output<typeof MfaLoginBodySchema>;
export type StepUpBody = z.output<typeof StepUpBodySchema>;
export type MfaTicketBody = z.output<typeof MfaTicketBodySchema>;
export type PasskeyLoginBody = z.output<typeof PasskeyLoginBodySchema>;
export type ConfirmTotpBody = z.output<typeof ConfirmTotpBodySchema>;
export type MfaStatus = z.output<typeof MfaStatusSchema>;
