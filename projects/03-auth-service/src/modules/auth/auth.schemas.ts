/**
 * Request and response schemas of /api/v1/auth. Bodies are strict objects: unknown fields such as
 * `role` or `emailVerified` are rejected (mass assignment), and an object where a string belongs
 * (`{"email": {"$gt": ""}}`) fails validation before it can reach a query (NoSQL injection).
 */
import {
  BIO_MAX_LENGTH,
  NewPasswordSchema,
  PasswordAttemptSchema,
  PROFILE_IMAGE_MAX_LENGTH,
  PROFILE_IMAGE_PATTERN,
} from '@roadmap/auth';
import { atLeastOneField, emailAddress, nonBlank } from '@roadmap/core';
import { z } from 'zod';
import { UsernameSchema, UserSchema } from '../users/index.js';

const EmailSchema = emailAddress('email must be a valid address');
const NameSchema = nonBlank(z.string().trim().min(1, 'name must not be empty').max(100)).meta({
  example: 'Ada Lovelace',
});
const OpaqueTokenSchema = z.string().min(16).max(200).meta({ example: 'kX9v2mQ7rT4wZ1bN8cL5hJ3f' });
const NewPassword = NewPasswordSchema.meta({ example: 'correct-horse-battery' });
const PasswordAttempt = PasswordAttemptSchema.meta({ example: 'correct-horse-battery' });
const BioSchema = z
  .string()
  .trim()
  .max(BIO_MAX_LENGTH)
  .nullable()
  .meta({ example: 'Writes about analytical engines.' });
const ImageSchema = z
  .string()
  .trim()
  .max(PROFILE_IMAGE_MAX_LENGTH)
  .refine((value) => value === '' || /^https?:\/\/\S+$/i.test(value), 'image must be an http(s) URL')
  .transform((value) => (value === '' ? null : value))
  .nullable()
  // The rule above, as the document states it: empty (clears the image) or an http(s) URL.
  .meta({ pattern: PROFILE_IMAGE_PATTERN, example: 'https://images.example.com/ada.png' });

export const RegisterBodySchema = z
  .strictObject({
    email: EmailSchema,
    password: NewPassword,
    name: NameSchema,
    username: UsernameSchema.optional().meta({
      description: 'Unique. Without one, a free one is made from the email address.',
    }),
  })
  .meta({ id: 'RegisterBody' });

export const LoginBodySchema = z
  .strictObject({ email: EmailSchema, password: PasswordAttempt })
  .meta({ id: 'LoginBody' });

/** The refresh token may come in the body (non-browser clients) or in the httpOnly cookie. */
export const RefreshBodySchema = z
  .strictObject({ refreshToken: OpaqueTokenSchema.optional() })
  .meta({ id: 'RefreshBody' });

export const UpdateMeBodySchema = atLeastOneField(
  z.strictObject({
    name: NameSchema.optional(),
    username: UsernameSchema.optional(),
    bio: BioSchema.optional(),
    image: ImageSchema.optional(),
    email: EmailSchema.optional().meta({ description: 'A new address is unverified until its emailed link is used.' }),
    currentPassword: PasswordAttempt.optional(),
    newPassword: NewPassword.optional(),
  }),
)
  .refine((body) => body.newPassword === undefined || body.currentPassword !== undefined, {
    path: ['currentPassword'],
    message: 'currentPassword is required to set a new password',
  })
  .meta({ id: 'UpdateMeBody', dependentRequired: { newPassword: ['currentPassword'] } });

export const VerifyEmailBodySchema = z.strictObject({ token: OpaqueTokenSchema }).meta({ id: 'VerifyEmailBody' });
export const ForgotPasswordBodySchema = z.strictObject({ email: EmailSchema }).meta({ id: 'ForgotPasswordBody' });
export const ResetPasswordBodySchema = z
  .strictObject({ token: OpaqueTokenSchema, newPassword: NewPassword })
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
