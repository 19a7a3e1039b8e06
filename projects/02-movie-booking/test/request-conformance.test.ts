/**
 * Requests generated from the published OpenAPI document, answered 400 exactly when the document calls
 * them invalid. Secured
 * operations are called as an admin, so that only validation can refuse them.
 */
import { describeRequestConformance } from '@roadmap/testing';
import { createOpenApiDocument } from '../src/app.js';
import { useBookingHarness } from './harness.js';

const h = useBookingHarness('movies-contract');
const document = createOpenApiDocument();

describeRequestConformance(document, () => ({
  app: h.app,
  authorize: () => ({ Authorization: `Bearer ${h.adminToken}` }),
}));
