/** The JWKS in the OpenAPI document. */
import { jsonResponse, type OpenAPIRegistry } from '@roadmap/core';
import { z } from 'zod';
import { JWKS_PATH } from './keys.routes.js';

const JwksSchema = z
  .object({
    keys: z.array(
      z.object({ kid: z.string(), kty: z.string(), alg: z.string(), use: z.string() }).catchall(z.unknown()),
    ),
  })
  .meta({ id: 'Jwks' });

export function registerKeyPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: JWKS_PATH,
    tags: ['auth'],
    summary: 'Public keys that verify access tokens (by kid)',
    responses: { 200: jsonResponse('JSON Web Key Set.', JwksSchema) },
  });
}
