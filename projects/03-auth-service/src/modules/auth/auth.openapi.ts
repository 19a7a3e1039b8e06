/** The /api/v1/auth endpoints and the JWKS in the OpenAPI document, from the validating schemas. */
import { jsonBody, jsonResponse, problemResponses, registerBearerAuth, type OpenAPIRegistry } from '@roadmap/core';
import { z } from 'zod';
import {
  AcceptedSchema,
  ForgotPasswordBodySchema,
  LoginBodySchema,
  RefreshBodySchema,
  RegisterBodySchema,
  ResetPasswordBodySchema,
  SessionIdParamsSchema,
  SessionListSchema,
  TokenResponseSchema,
  UpdateMeBodySchema,
  UserEnvelopeSchema,
  VerifyEmailBodySchema,
} from './auth.schemas.js';

const JwksSchema = z
  .object({
    keys: z.array(
      z.object({ kid: z.string(), kty: z.string(), alg: z.string(), use: z.string() }).catchall(z.unknown()),
    ),
  })
  .meta({ id: 'Jwks' });

export function registerAuthPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['auth'];
  const security = registerBearerAuth(registry, 'An ES256 access token from this service.');
  registry.registerPath({
    method: 'post',
    path: `${base}/register`,
    tags,
    summary: 'Create an account (role user); sends a verification email',
    request: { body: jsonBody(RegisterBodySchema) },
    responses: { 201: jsonResponse('The new user.', UserEnvelopeSchema), ...problemResponses(400, 409, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/login`,
    tags,
    summary: 'Exchange email and password for an access token and a refresh token (also set as cookie)',
    request: { body: jsonBody(LoginBodySchema) },
    responses: {
      200: jsonResponse('Tokens and the user.', TokenResponseSchema),
      ...problemResponses(400, 401, 403, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/refresh`,
    tags,
    summary: 'Rotate a refresh token (body or refresh_token cookie); a reused token revokes its family',
    request: { body: jsonBody(RefreshBodySchema) },
    responses: { 200: jsonResponse('New tokens.', TokenResponseSchema), ...problemResponses(400, 401) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/logout`,
    tags,
    summary: 'Revoke the session of a refresh token (body or cookie)',
    request: { body: jsonBody(RefreshBodySchema) },
    responses: { 204: { description: 'Logged out.' }, ...problemResponses(400) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/logout-all`,
    tags,
    security,
    summary: 'Revoke every session of the caller',
    responses: { 204: { description: 'Every session revoked.' }, ...problemResponses(401) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/me`,
    tags,
    security,
    summary: 'The caller',
    responses: { 200: jsonResponse('The user.', UserEnvelopeSchema), ...problemResponses(401, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/me`,
    tags,
    security,
    summary: 'Change name and/or password (needs currentPassword; revokes the other sessions)',
    request: { body: jsonBody(UpdateMeBodySchema) },
    responses: {
      200: jsonResponse('The updated user.', UserEnvelopeSchema),
      ...problemResponses(400, 401, 404, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/verify-email`,
    tags,
    summary: 'Confirm an email address with the emailed single-use token',
    request: { body: jsonBody(VerifyEmailBodySchema) },
    responses: { 200: jsonResponse('The verified user.', UserEnvelopeSchema), ...problemResponses(400) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/verify-email/resend`,
    tags,
    security,
    summary: 'Send a new verification email',
    responses: { 202: jsonResponse('Sending.', AcceptedSchema), ...problemResponses(401, 404, 409) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/forgot-password`,
    tags,
    summary: 'Email a reset link; the answer is the same whether or not the address has an account',
    request: { body: jsonBody(ForgotPasswordBodySchema) },
    responses: { 202: jsonResponse('Accepted.', AcceptedSchema), ...problemResponses(400, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/reset-password`,
    tags,
    summary: 'Set a new password with the emailed single-use token; revokes every session',
    request: { body: jsonBody(ResetPasswordBodySchema) },
    responses: { 204: { description: 'Password changed.' }, ...problemResponses(400) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/sessions`,
    tags,
    security,
    summary: "The caller's active sessions",
    responses: { 200: jsonResponse('Active sessions.', SessionListSchema), ...problemResponses(401) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/sessions/{id}`,
    tags,
    security,
    summary: 'Revoke one of the caller’s sessions',
    request: { params: SessionIdParamsSchema },
    responses: { 204: { description: 'Revoked.' }, ...problemResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'get',
    path: '/.well-known/jwks.json',
    tags,
    summary: 'Public keys that verify access tokens (by kid)',
    responses: { 200: jsonResponse('JSON Web Key Set.', JwksSchema) },
  });
}
