/**
 * The Notes API for one test file, on the shared harness: every response is checked against the
 * OpenAPI document. The store is memory, so a test that counts or lists notes builds its own app
 * with `h.newApp()` (checked the same way) instead of sharing one.
 */
import { useHarness } from '@roadmap/testing';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, createOpenApiDocument, NOTES_BASE_PATH } from '../src/app.js';

export const BASE = NOTES_BASE_PATH;

export interface NewAppOptions {
  maxNotes?: number;
  draining?: boolean;
}

export function useNotesHarness(name: string) {
  return useHarness(
    name,
    (ctx) => {
      const newApp = (options: NewAppOptions = {}): Express =>
        ctx.conform(
          createApp({
            logger: ctx.logger,
            maxNotes: options.maxNotes,
            lifecycle: { isDraining: () => options.draining ?? false },
          }),
        );
      return { app: newApp(), newApp };
    },
    { openApi: createOpenApiDocument() },
  );
}

export interface CreatedNote {
  id: string;
  title: string;
  updatedAt: string;
  createdAt: string;
}

export async function createNote(app: Express, fields: Record<string, unknown> = {}): Promise<CreatedNote> {
  const res = await request(app)
    .post(BASE)
    .send({ title: 'A note', ...fields })
    .expect(201);
  return res.body as CreatedNote;
}
