/** The public profile endpoints in the OpenAPI document. */
import { apiProblemResponses, jsonResponse, type OpenAPIRegistry } from '@roadmap/core';
import {
  ProfileEnvelopeSchema,
  ProfileListQuerySchema,
  ProfileListSchema,
  UsernameParamsSchema,
} from './user.schemas.js';

export function registerProfilePaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['profiles'];
  registry.registerPath({
    method: 'get',
    path: base,
    tags,
    summary: 'Public profiles of several users by id (unknown ids are left out)',
    request: { query: ProfileListQuerySchema },
    responses: {
      200: jsonResponse('The profiles found, in the order asked.', ProfileListSchema),
      ...apiProblemResponses(400),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{username}`,
    tags,
    summary: 'The public profile of a user by username',
    request: { params: UsernameParamsSchema },
    responses: { 200: jsonResponse('The profile.', ProfileEnvelopeSchema), ...apiProblemResponses(400, 404) },
  });
}
