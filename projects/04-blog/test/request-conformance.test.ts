/**
 * Requests generated from the published OpenAPI document, answered 400 exactly when the document calls
 * them invalid, on the blog's own API (the RealWorld mount has its own file and error shape). Secured
 * operations are called as an admin, so that only validation can refuse them.
 */
import { describeRequestConformance } from '@roadmap/testing';
import { createOpenApiDocument, REALWORLD_PATH } from '../src/app.js';
import { useBlogHarness } from './harness.js';

const h = useBlogHarness('blog-contract');

describeRequestConformance(
  createOpenApiDocument(),
  () => ({
    app: h.app,
    authorize: () => ({ Authorization: `Bearer ${h.issuer.tokenFor({ role: 'admin' })}` }),
  }),
  { include: (operation) => !operation.template.startsWith(REALWORLD_PATH) },
);
