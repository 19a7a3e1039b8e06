/** createApp(deps) -> the Notes API as an Express app. No listening, no globals. */
import {
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  docsRoutes,
  finishApp,
  healthRoutes,
  methodNotAllowed,
  registerHealthPaths,
  type Lifecycle,
  type Logger,
  type OpenApiDocument,
  type TrustProxy,
} from '@roadmap/core';
import type { Express } from 'express';
import {
  InMemoryNoteRepository,
  NoteService,
  noteRoutes,
  registerNotePaths,
  type NoteRepository,
} from './modules/notes/index.js';

export interface NotesAppDeps {
  logger: Logger;
  repository?: NoteRepository;
  maxNotes?: number;
  jsonLimit?: string;
  lifecycle?: Lifecycle;
  now?: () => Date;
  /** The proxies whose X-Forwarded-* headers are believed (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
}

export const NOTES_BASE_PATH = '/api/v1/notes';

export function createOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  registerHealthPaths(registry);
  registerNotePaths(registry, NOTES_BASE_PATH);
  return buildOpenApiDocument(registry, {
    title: 'Notes API',
    version: '1.0.0',
    description: 'Phase 1 of the backend roadmap: Express routing and middleware over an in-memory store.',
  });
}

export function createApp(deps: NotesAppDeps): Express {
  const repository = deps.repository ?? new InMemoryNoteRepository();
  const service = new NoteService({ repository, maxNotes: deps.maxNotes ?? 10_000, now: deps.now });
  const app = createBaseApp({ logger: deps.logger, jsonLimit: deps.jsonLimit ?? '64kb', trustProxy: deps.trustProxy });
  app.use(healthRoutes({ isDraining: () => deps.lifecycle?.isDraining() ?? false }));
  const document = createOpenApiDocument();
  app.use(docsRoutes(document));
  app.use(methodNotAllowed(document));
  app.use(NOTES_BASE_PATH, noteRoutes(service));
  return finishApp(app);
}
