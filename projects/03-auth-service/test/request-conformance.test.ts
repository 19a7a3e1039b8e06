/**
 * Requests generated from the published OpenAPI document, answered 400 exactly when the document calls
 * them invalid. Secured operations are called by one admin: access tokens are verified by signature
 * alone, so a generated logout-all or password change does not stop the later calls.
 */
import { describeRequestConformance, uniqueEmail } from '@roadmap/testing';
import { createOpenApiDocument } from '../src/app.js';
import { login, makeAdmin, registerUser, useAuthHarness } from './harness.js';

const h = useAuthHarness('auth-contract');
let adminToken: Promise<string> | undefined;

async function newAdminToken(): Promise<string> {
  const user = await registerUser(h.app, uniqueEmail('contract'));
  await makeAdmin(h.models, user.id);
  return (await login(h.app, user.email, user.password, '198.51.100.77')).accessToken;
}

describeRequestConformance(createOpenApiDocument(), () => ({
  app: h.app,
  authorize: async () => ({ Authorization: `Bearer ${await (adminToken ??= newAdminToken())}` }),
}));
