/** The stored images in the OpenAPI document. */
import { problemResponses, type OpenAPIRegistry } from '@roadmap/core';
import { z } from 'zod';
import { UploadParamsSchema, UPLOADS_PATH } from './upload.routes.js';

export function registerMediaPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: `${UPLOADS_PATH}/{name}`,
    tags: ['uploads'],
    summary: 'A stored cover image, with its checked content type and nosniff',
    request: { params: UploadParamsSchema },
    responses: {
      200: {
        description: 'The image.',
        content: { 'image/*': { schema: z.string().meta({ type: 'string', format: 'binary' }) } },
      },
      ...problemResponses(400, 404),
    },
  });
}
