/**
 * The published contract: the OpenAPI document itself (valid, usable patterns and examples), and
 * requests generated from it, answered 400 exactly when the document calls them invalid. Secured
 * operations are called as an admin, so that only validation can refuse them.
 */
import { checkOpenApiDocument, describeRequestConformance } from '@roadmap/testing';
import { createOpenApiDocument } from '../src/app.js';
import { useBookingHarness } from './harness.js';

const h = useBookingHarness('movies-contract');
const document = createOpenApiDocument();

it('publishes a document that a client generator can trust', async () => {
  expect(await checkOpenApiDocument(document)).toEqual([]);
});

describeRequestConformance(document, () => ({
  app: h.app,
  authorize: () => ({ Authorization: `Bearer ${h.adminToken}` }),
}));
