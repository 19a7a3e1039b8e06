/** The request-side conformance check, against small APIs whose document and validation agree or not. */
import {
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  finishApp,
  jsonBody,
  jsonResponse,
  nonBlank,
  problemResponses,
  validate,
} from '@roadmap/core';
import { z } from 'zod';
import { listen, type ListeningApp } from '../src/listen.js';
import { testLogger } from '../src/logger.js';
import { requestConformance } from '../src/contract/request-conformance.js';

interface ApiShape {
  /** The title schema both validation and the document use. */
  title: z.ZodType;
  /** Whether the app checks the Idempotency-Key header the document describes. */
  checksKey: boolean;
  /** The id parameter's schema. */
  id?: z.ZodType;
}

/** POST /notes/{id} with a title and an optional Idempotency-Key of 8+ characters. */
function notesApi({ title, checksKey, id = z.string().max(10) }: ApiShape) {
  const body = z.strictObject({ title }).meta({ id: 'NoteInput', example: { title: 'Groceries' } });
  const params = z.object({ id });
  const headers = z.object({ 'idempotency-key': z.string().min(8).max(64).optional() });
  const registry = createApiRegistry();
  registry.registerPath({
    method: 'post',
    path: '/notes/{id}',
    request: { params, headers, body: jsonBody(body) },
    responses: { 201: jsonResponse('Created.', body), ...problemResponses(400) },
  });
  const document = buildOpenApiDocument(registry, { title: 'notes', version: '1', description: 'test' });
  const app = createBaseApp({ logger: testLogger('conformance') });
  app.post('/notes/:id', validate({ params, body, ...(checksKey ? { headers } : {}) }), (req, res) => {
    res.status(201).json(req.body);
  });
  return { app: finishApp(app), document };
}

async function disagreements(shape: ApiShape): Promise<string[]> {
  const { app, document } = notesApi(shape);
  const conformance = requestConformance(document, { runs: 30 });
  const served: ListeningApp = await listen(app);
  try {
    const [operation] = conformance.operations;
    return await conformance.check(operation as (typeof conformance.operations)[number], { app }, served.url);
  } finally {
    await served.close();
  }
}

describe('requestConformance', () => {
  it('finds nothing when validation refuses exactly what the document calls invalid', async () => {
    const found = await disagreements({ title: nonBlank(z.string().trim().min(1).max(20)), checksKey: true });

    expect(found).toEqual([]);
  });

  it('names a valid request refused with 400: a blank title the document allows', async () => {
    const found = await disagreements({ title: z.string().trim().min(1).max(20), checksKey: true });

    expect(found).toEqual([
      expect.stringMatching(/^a valid request: POST \/notes\/.* body \{"title":"\s+"\}\n {2}answered 400/),
    ]);
  });

  it('names an invalid request that is not refused: a short Idempotency-Key the app ignores', async () => {
    const found = await disagreements({ title: nonBlank(z.string().trim().min(1).max(20)), checksKey: false });

    expect(found).toEqual([
      expect.stringMatching(/^an invalid request: .*\(header idempotency-key: .*\) answered 201/s),
    ]);
  });

  it('says so when the document allows no request at all (a pattern with a regex flag in it)', async () => {
    const id = z.string().meta({ pattern: '^[0-9a-f]{24}$/i' });

    const found = await disagreements({ title: nonBlank(z.string().trim().min(1).max(20)), checksKey: true, id });

    expect(found).toEqual([
      expect.stringMatching(/^a valid request: could not build 30 such requests/),
      expect.stringMatching(/^an invalid request: could not build 30 such requests/),
    ]);
  });
});
