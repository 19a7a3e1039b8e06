/** The notes endpoints in the OpenAPI document, built from the same schemas that validate them. */
import { jsonBody, jsonResponse, problemResponses, type OpenAPIRegistry } from '@roadmap/core';
import {
  NoteIdParamsSchema,
  NoteInputSchema,
  NoteListQuerySchema,
  NotePageSchema,
  NotePatchSchema,
  NoteSchema,
} from './note.schemas.js';

export function registerNotePaths(registry: OpenAPIRegistry, basePath: string): void {
  const tags = ['notes'];
  registry.registerPath({
    method: 'post',
    path: basePath,
    tags,
    summary: 'Create a note',
    request: { body: jsonBody(NoteInputSchema) },
    responses: { 201: jsonResponse('The created note.', NoteSchema), ...problemResponses(400, 413, 507) },
  });
  registry.registerPath({
    method: 'get',
    path: basePath,
    tags,
    summary: 'List notes: search, filter, sort, page',
    request: { query: NoteListQuerySchema },
    responses: { 200: jsonResponse('A page of notes.', NotePageSchema), ...problemResponses(400) },
  });
  registry.registerPath({
    method: 'get',
    path: `${basePath}/{id}`,
    tags,
    summary: 'Get a note',
    request: { params: NoteIdParamsSchema },
    responses: { 200: jsonResponse('The note.', NoteSchema), ...problemResponses(400, 404) },
  });
  registry.registerPath({
    method: 'put',
    path: `${basePath}/{id}`,
    tags,
    summary: 'Replace a note (omitted optional fields take their defaults)',
    request: { params: NoteIdParamsSchema, body: jsonBody(NoteInputSchema) },
    responses: { 200: jsonResponse('The replaced note.', NoteSchema), ...problemResponses(400, 404, 413) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${basePath}/{id}`,
    tags,
    summary: 'Change some fields of a note',
    request: { params: NoteIdParamsSchema, body: jsonBody(NotePatchSchema) },
    responses: { 200: jsonResponse('The updated note.', NoteSchema), ...problemResponses(400, 404, 413) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${basePath}/{id}`,
    tags,
    summary: 'Delete a note',
    request: { params: NoteIdParamsSchema },
    responses: { 204: { description: 'Deleted.' }, ...problemResponses(400, 404) },
  });
}
