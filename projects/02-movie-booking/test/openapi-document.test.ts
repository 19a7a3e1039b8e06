/**
 * The published OpenAPI document as a client generator reads it: valid OpenAPI 3.1, patterns that are
 * plain ECMA-262 regexes, examples that match their schemas, parameters their place can carry.
 */
import { checkOpenApiDocument } from '@roadmap/testing';
import { createOpenApiDocument } from '../src/app.js';

it('publishes a document that a client generator can trust', async () => {
  expect(await checkOpenApiDocument(createOpenApiDocument())).toEqual([]);
});
