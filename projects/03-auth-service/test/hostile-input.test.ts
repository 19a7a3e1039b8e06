/**
 * Hostile text: a NUL character in any text field (FerretDB keeps strings in PostgreSQL, which refuses
 * them) is a 400 naming the field, a refresh cookie carrying one is refused like any unknown token,
 * and a malformed percent-escape in a query string is a 400 naming the parameter.
 */
import { expectProblem, fieldsOf, nulTextProbes, uniqueEmail, unrefusedProbes } from '@roadmap/testing';
import request from 'supertest';
import { createOpenApiDocument } from '../src/app.js';
import { login, makeAdmin, registerUser, useAuthHarness } from './harness.js';

describe('hostile text in requests', () => {
  const h = useAuthHarness('auth_hostile_input');
  let adminToken: string;

  beforeAll(async () => {
    const admin = await registerUser(h.app, uniqueEmail('admin'));
    await makeAdmin(h.models, admin.id);
    adminToken = (await login(h.app, admin.email)).accessToken;
  });

  it('refuses a NUL in every text field the document lists, naming the field', async () => {
    const probes = nulTextProbes(createOpenApiDocument());

    const failures = await unrefusedProbes(h.app, probes, {
      headers: () => ({ authorization: `Bearer ${adminToken}` }),
    });

    expect(failures).toEqual([]);
    expect(probes.map((probe) => `${probe.method} ${probe.template} ${probe.field}`)).toEqual(
      expect.arrayContaining([
        'post /api/v1/auth/register body.name',
        'patch /api/v1/auth/me body.bio',
        'get /api/v1/admin/users query.q',
        'get /api/v1/admin/audit-events query.userId',
      ]),
    );
  });

  it('refuses a refresh cookie holding a NUL as it refuses any unknown token', async () => {
    const res = await request(h.app).post('/api/v1/auth/refresh').set('Cookie', 'refresh_token=a%00b').send({});

    expectProblem(res, 401);
  });

  it('answers 400 naming the parameter for a malformed percent-escape in a query string', async () => {
    const res = await request(h.app).get('/api/v1/admin/users?q=%E0%A4%A').set('Authorization', `Bearer ${adminToken}`);

    expect(fieldsOf(expectProblem(res, 400))).toEqual(['query.q']);
  });
});
