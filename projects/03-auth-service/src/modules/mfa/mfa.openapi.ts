/** The second-factor paths in the OpenAPI document. */
import { apiProblemResponses, jsonBody, jsonResponse, type OpenAPIRegistry, registerBearerAuth } from '@roadmap/core';
import { TokenResponseSchema } from '../auth/index.js';
import { RequestOptionsSchema } from '../passkeys/index.js';
import {
  AccessTokenSchema,
  ConfirmTotpBodySchema,
  MfaLoginBodySchema,
  MfaStatusSchema,
  MfaTicketBodySchema,
  PasskeyLoginBodySchema,
  RecoveryCodesSchema,
  StepUpBodySchema,
  TotpEnrolmentSchema,
} from './mfa.schemas.js';

const STEP_UP =
  ' Needs a second factor proven within the step-up window when the account has one: otherwise 401 ' +
  'insufficient_user_authentication (WWW-Authenticate names max_age); POST /mfa/step-up and retry.';

export function registerMfaLoginPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['auth: second factor'];
  registry.registerPath({
    method: 'post',
    path: `${base}/login/mfa`,
    tags,
    summary:
      'Finish a sign-in: the MFA ticket from POST /login with a TOTP code, a recovery code (single use; the owner is emailed) or a passkey assertion',
    request: { body: jsonBody(MfaLoginBodySchema) },
    responses: {
      200: jsonResponse('Tokens; the access token names amr (e.g. ["pwd","otp"]) and auth_time.', TokenResponseSchema),
      ...apiProblemResponses(400, 401, 403, 413, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/login/mfa/passkey-options`,
    tags,
    summary: "Options to prove one of the ticket's user's passkeys as the second factor",
    request: { body: jsonBody(MfaTicketBodySchema) },
    responses: {
      200: jsonResponse('The request options.', RequestOptionsSchema),
      ...apiProblemResponses(400, 401, 413, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/login/passkey/options`,
    tags,
    summary: 'Options for a passwordless sign-in with a discoverable passkey (user verification required)',
    responses: { 200: jsonResponse('The request options.', RequestOptionsSchema), ...apiProblemResponses(429) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/login/passkey`,
    tags,
    summary:
      'Sign in with a passkey alone; a signature counter that did not move forward (a cloned passkey) is refused and audited',
    request: { body: jsonBody(PasskeyLoginBodySchema) },
    responses: {
      200: jsonResponse('Tokens; the access token names amr ["hwk"].', TokenResponseSchema),
      ...apiProblemResponses(400, 401, 403, 413, 429),
    },
  });
}

export function registerMfaPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['auth: second factor'];
  const security = registerBearerAuth(registry, 'An ES256 access token from this service.');
  registry.registerPath({
    method: 'get',
    path: base,
    tags,
    security,
    summary:
      "The caller's second factors: authenticator app, passkeys, recovery codes left, whether enrolment is required",
    responses: { 200: jsonResponse('The status.', MfaStatusSchema), ...apiProblemResponses(401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/totp`,
    tags,
    security,
    summary:
      'Start setting up an authenticator app: a new secret, its otpauth:// URI and QR code (answered only now).' +
      STEP_UP,
    responses: {
      201: jsonResponse('The secret, pending until confirmed.', TotpEnrolmentSchema),
      ...apiProblemResponses(401, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/totp/confirm`,
    tags,
    security,
    summary:
      'Activate the app with its first code; for the first factor, answers the 10 recovery codes (once) and ends the other sessions',
    request: { body: jsonBody(ConfirmTotpBodySchema) },
    responses: {
      200: jsonResponse('Active.', RecoveryCodesSchema),
      ...apiProblemResponses(400, 401, 404, 409, 413),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/totp`,
    tags,
    security,
    summary: 'Remove the authenticator app (audited).' + STEP_UP,
    responses: { 204: { description: 'Removed.' }, ...apiProblemResponses(401, 403, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/recovery-codes`,
    tags,
    security,
    summary: 'Replace the recovery codes with 10 new ones, answered once (audited).' + STEP_UP,
    responses: {
      201: jsonResponse('The new codes.', RecoveryCodesSchema),
      ...apiProblemResponses(401, 403, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/step-up/passkey-options`,
    tags,
    security,
    summary: "Options to prove one of the caller's passkeys for a step-up",
    responses: {
      200: jsonResponse('The request options.', RequestOptionsSchema),
      ...apiProblemResponses(401, 403, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/step-up`,
    tags,
    security,
    summary:
      'Prove a second factor again (code, recovery code or passkey): a new access token for this session with auth_time now, for routes that answered insufficient_user_authentication',
    request: { body: jsonBody(StepUpBodySchema) },
    responses: {
      200: jsonResponse('A new access token (the refresh token is unchanged).', AccessTokenSchema),
      ...apiProblemResponses(400, 401, 403, 404, 413, 429),
    },
  });
}
