/** The /api/v1/auth endpoints in the OpenAPI document, from the validating schemas. */
import { apiProblemResponses, jsonBody, jsonResponse, type OpenAPIRegistry, registerBearerAuth } from '@roadmap/core';
import { z } from 'zod';
import { UserEnvelopeSchema } from '../users/index.js';
import {
  AcceptedSchema,
  ForgotPasswordBodySchema,
  LoginBodySchema,
  RefreshBodySchema,
  RegisterBodySchema,
  ResetPasswordBodySchema,
  TokenResponseSchema,
  UpdateMeBodySchema,
  VerifyEmailBodySchema,
} from './auth.schemas.js';
import { MfaRequiredSchema } from './sign-in.schemas.js';

export function registerAuthPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['auth'];
  const security = registerBearerAuth(registry, 'An ES256 access token from this service.');
  registry.registerPath({
    method: 'post',
    path: `${base}/register`,
    tags,
    summary: 'Create an account (role user); sends a verification email',
    request: { body: jsonBody(RegisterBodySchema) },
    responses: {
      201: jsonResponse('The new user.', UserEnvelopeSchema),
      ...apiProblemResponses(400, 409, 413, 422, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/login`,
    tags,
    summary:
      'Exchange email and password for an access token and a refresh token (also set as cookie), or, ' +
      'when the account has a second factor, for a single-use MFA ticket to finish at POST /login/mfa',
    request: { body: jsonBody(LoginBodySchema) },
    responses: {
      200: jsonResponse(
        'Tokens and the user; or `mfaRequired` with a ticket and no tokens.',
        z.union([TokenResponseSchema, MfaRequiredSchema]),
      ),
      ...apiProblemResponses(400, 401, 403, 413, 422, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/refresh`,
    tags,
    summary: 'Rotate a refresh token (body or refresh_token cookie); a reused token revokes its family',
    request: { body: jsonBody(RefreshBodySchema) },
    responses: { 200: jsonResponse('New tokens.', TokenResponseSchema), ...apiProblemResponses(400, 401, 413, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/logout`,
    tags,
    summary: 'Revoke the session of a refresh token (body or cookie)',
    request: { body: jsonBody(RefreshBodySchema) },
    responses: { 204: { description: 'Logged out.' }, ...apiProblemResponses(400, 413) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/logout-all`,
    tags,
    security,
    summary: 'Revoke every session of the caller',
    responses: { 204: { description: 'Every session revoked.' }, ...apiProblemResponses(401) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/me`,
    tags,
    security,
    summary: 'The caller',
    responses: { 200: jsonResponse('The user.', UserEnvelopeSchema), ...apiProblemResponses(401, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/me`,
    tags,
    security,
    summary:
      'Change name, username, bio, image, email (unverified until its link is used) and/or password ' +
      '(needs currentPassword; revokes the other sessions)',
    request: { body: jsonBody(UpdateMeBodySchema) },
    responses: {
      200: jsonResponse('The updated user.', UserEnvelopeSchema),
      ...apiProblemResponses(400, 401, 404, 409, 413, 422, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/verify-email`,
    tags,
    summary: 'Confirm an email address with the emailed single-use token',
    request: { body: jsonBody(VerifyEmailBodySchema) },
    responses: {
      200: jsonResponse('The verified user.', UserEnvelopeSchema),
      ...apiProblemResponses(400, 413, 422, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/verify-email/resend`,
    tags,
    security,
    summary: 'Send a new verification email',
    responses: { 202: jsonResponse('Sending.', AcceptedSchema), ...apiProblemResponses(401, 404, 409) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/forgot-password`,
    tags,
    summary: 'Email a reset link; the answer is the same whether or not the address has an account',
    request: { body: jsonBody(ForgotPasswordBodySchema) },
    responses: { 202: jsonResponse('Accepted.', AcceptedSchema), ...apiProblemResponses(400, 413, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/reset-password`,
    tags,
    summary: 'Set a new password with the emailed single-use token; revokes every session',
    request: { body: jsonBody(ResetPasswordBodySchema) },
    responses: { 204: { description: 'Password changed.' }, ...apiProblemResponses(400, 413, 422, 429) },
  });
}
