/** The caller's passkeys in the OpenAPI document. */
import { apiProblemResponses, jsonBody, jsonResponse, type OpenAPIRegistry, registerBearerAuth } from '@roadmap/core';
import {
  CreationOptionsSchema,
  PasskeyEnvelopeSchema,
  PasskeyIdParamsSchema,
  PasskeyListSchema,
  RegisteredPasskeySchema,
  RegisterPasskeyBodySchema,
  RenamePasskeyBodySchema,
} from './passkey.schemas.js';

export function registerPasskeyPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['passkeys'];
  const security = registerBearerAuth(registry, 'An ES256 access token from this service.');
  const factorChange =
    ' On an account that already has a second factor this needs a fresh one (401 insufficient_user_authentication: step up and retry).';
  registry.registerPath({
    method: 'post',
    path: `${base}/registration-options`,
    tags,
    security,
    summary:
      'Options for navigator.credentials.create() (a discoverable credential), with a single-use challenge.' +
      factorChange,
    responses: { 200: jsonResponse('The creation options.', CreationOptionsSchema), ...apiProblemResponses(401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: base,
    tags,
    security,
    summary: 'Register the passkey the browser created (audited).' + factorChange,
    request: { body: jsonBody(RegisterPasskeyBodySchema) },
    responses: {
      201: jsonResponse('The passkey (and, for a first factor, the recovery codes).', RegisteredPasskeySchema),
      ...apiProblemResponses(400, 401, 404, 409, 413, 422),
    },
  });
  registry.registerPath({
    method: 'get',
    path: base,
    tags,
    security,
    summary: "The caller's passkeys, oldest first",
    responses: { 200: jsonResponse('The passkeys.', PasskeyListSchema), ...apiProblemResponses(401) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/{id}`,
    tags,
    security,
    summary: 'Rename one of the caller’s passkeys',
    request: { params: PasskeyIdParamsSchema, body: jsonBody(RenamePasskeyBodySchema) },
    responses: { 200: jsonResponse('The passkey.', PasskeyEnvelopeSchema), ...apiProblemResponses(400, 401, 404, 413) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}`,
    tags,
    security,
    summary: 'Remove one of the caller’s passkeys (audited).' + factorChange,
    request: { params: PasskeyIdParamsSchema },
    responses: { 204: { description: 'Removed.' }, ...apiProblemResponses(400, 401, 404) },
  });
}
