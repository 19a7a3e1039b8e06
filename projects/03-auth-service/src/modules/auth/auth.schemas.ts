/**
 * Request and response schemas of /api/v1/auth. Bodies are strict objects: unknown fields such as
 * `role` or `emailVerified` are rejected (mass assignment), and an object where a string belongs
 * (`{"email": {"$gt": ""}}`) fails validation before it can reach a query (NoSQL injection).
 */
import { NewPasswordSchema, PasswordAttemptSchema } from '@roadmap/auth';
import { z } from 'zod';
import { UsernameSchema, UserSchema } from '../users/index.js';

const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('email must be a valid address'));
const NameSchema = z.string().trim().min(1, 'name must not be empty').max(100);
const OpaqueTokenSchema = z.string().min(16).max(200);
const BioSchema = z.string().trim().max(1000).nullable();
const ImageSchema = z
  .string()
  .trim()
  .max(500)
  .refine((value) => value === '' || /^https?:\/\/\S+$/i.test(value), 'image must be an http(s) URL')
  .transform((value) => (value === '' ? null : value))
  .nullable();

export const RegisterBodySchema = z
  .strictObject({
    email: EmailSchema,
    password: NewPasswordSchema,
    name: NameSchema,
    username: UsernameSchema.optional().meta({
      description: 'Unique. Without one, a free one is made from the email address.',
    }),
  })
  .meta({ id: 'RegisterBody' });

export const LoginBodySchema = z
  .strictObject({ email: EmailSchema, password: PasswordAttemptSchema })
  .meta({ id: 'LoginBody' });

/** The refresh token may come in the body (non-browser clients) or in the httpOnly cookie. */
export const RefreshBodySchema = z
  .strictObject({ refreshToken: OpaqueTokenSchema.optional() })
  .meta({ id: 'RefreshBody' });

export const UpdateMeBodySchema = z
  .strictObject({
    name: NameSchema.optional(),
    username: UsernameSchema.optional(),
    bio: BioSchema.optional(),
    image: ImageSchema.optional(),
    email: EmailSchema.optional().meta({ description: 'A new address is unverified until its emailed link is used.' }),
    currentPassword: PasswordAttemptSchema.optional(),
    newPassword: NewPasswordSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' })
  .refine((body) => body.newPassword === undefined || body.currentPassword !== undefined, {
    path: ['currentPassword'],
    message: 'currentPassword is required to set a new password',
  })
  .meta({ id: 'UpdateMeBody' });

export const VerifyEmailBodySchema = z.strictObject({ token: OpaqueTokenSchema }).meta({ id: 'VerifyEmailBody' });
export const ForgotPasswordBodySchema = z.strictObject({ email: EmailSchema }).meta({ id: 'ForgotPasswordBody' });
export const ResetPasswordBodySchema = z
  .strictObject({ token: OpaqueTokenSchema, newPassword: NewPasswordSchema })
  .meta({ id: 'ResetPasswordBody' });

export const TokenResponseSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires.' }),
    refreshToken: z.string().meta({ description: 'Also set as the httpOnly refresh_token cookie.' }),
    refreshTokenExpiresAt: z.iso.datetime(),
    user: UserSchema,
  })
  .meta({ id: 'TokenResponse' });

export const AcceptedSchema = z.object({ message: z.string() }).meta({ id: 'Accepted' });

export type RegisterBody = z.output<typeof RegisterBodySchema>;
export type LoginBody = z.output<typeof LoginBodySchema>;
export type RefreshBody = z.output<typeof RefreshBodySchema>;
export type UpdateMeBody = z.output<typeof UpdateMeBodySchema>;
export type VerifyEmailBody = z.output<typeof VerifyEmailBodySchema>;
export type ForgotPasswordBody = z.output<typeof ForgotPasswordBodySchema>;
export type ResetPasswordBody = z.output<typeof ResetPasswordBodySchema>;
