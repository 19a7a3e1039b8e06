/**
 * Requests generated from the published OpenAPI document, answered 400 exactly when the document calls
 * them invalid.
 */
import { describeRequestConformance } from '@roadmap/testing';
import { createOpenApiDocument } from '../src/app.js';
import { useNotesHarness } from './harness.js';

const h = useNotesHarness('notes-contract');
const document = createOpenApiDocument();

describeRequestConformance(document, () => ({ app: h.app }));
