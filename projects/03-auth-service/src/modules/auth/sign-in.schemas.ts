/** The answer of a password sign-in to an account with a second factor: a ticket, not tokens. */
import { z } from 'zod';

export const SECOND_FACTOR_METHODS = ['totp', 'recovery-code', 'passkey'] as const;

export const MfaRequiredSchema = z
  .object({
    mfaRequired: z.literal(true),
    mfaTicket: z.string().meta({
      description: 'Single use, short-lived, bound to this account: send it to POST /login/mfa with a second factor.',
    }),
    expiresAt: z.iso.datetime(),
    methods: z.array(z.enum(SECOND_FACTOR_METHODS)).meta({ description: 'The second factors this account can use.' }),
  })
  .meta({ id: 'MfaRequired' });

export type MfaRequired = z.output<typeof MfaRequiredSchema>;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];
