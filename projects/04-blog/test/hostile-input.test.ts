/**
 * Hostile text: a NUL character in any text field of the blog's API or its RealWorld mount (FerretDB
 * keeps strings in PostgreSQL, which refuses them) is refused naming the field: 400 problem+json on
 * the blog's API, RealWorld's 422 `{ errors: { field: [...] } }` on the mount. A malformed
 * percent-escape in a query string is refused the same ways, naming the parameter.
 */
import { expectProblem, fieldsOf, nulTextProbes, unrefusedProbes } from '@roadmap/testing';
import request from 'supertest';
import { createOpenApiDocument, REALWORLD_PATH } from '../src/app.js';
import { realWorldFieldName } from '../src/modules/realworld/realworld.errors.js';
import { makeUser } from './fixtures.js';
import { useBlogHarness } from './harness.js';

const ON_MOUNT = new RegExp(`^[A-Z]+ ${REALWORLD_PATH}/`);

describe('hostile text in requests', () => {
  const h = useBlogHarness('blog-hostile-input');
  const admin = () => makeUser(h.issuer, 'admin').header;

  it("refuses a NUL in every text field of the blog's API, naming the field", async () => {
    const probes = nulTextProbes(createOpenApiDocument(), [ON_MOUNT]);

    expect(await unrefusedProbes(h.app, probes, { headers: admin })).toEqual([]);
    expect(probes.map((probe) => `${probe.method} ${probe.field}`)).toEqual(
      expect.arrayContaining(['post body.title', 'post body.reason', 'get query.q', 'get query.author']),
    );
  });

  it('refuses a NUL in every text field of the RealWorld mount with its 422, naming the field', async () => {
    const document = createOpenApiDocument();
    const probes = nulTextProbes(document)
      .filter((probe) => ON_MOUNT.test(`${probe.method.toUpperCase()} ${probe.template}`))
      .map((probe) => ({ ...probe, field: realWorldFieldName(probe.field) }));

    const failures = await unrefusedProbes(h.app, probes, {
      headers: () => ({ authorization: `Token ${makeUser(h.issuer).token}` }),
      status: 422,
      fieldsOf: (body) => Object.keys((body as { errors?: object } | undefined)?.errors ?? {}),
    });

    expect(failures).toEqual([]);
    expect(probes.map((probe) => `${probe.method} ${probe.template} ${probe.field}`)).toEqual(
      expect.arrayContaining([
        `post ${REALWORLD_PATH}/articles/{slug}/comments body`,
        `get ${REALWORLD_PATH}/articles tag`,
      ]),
    );
  });

  it('answers a malformed percent-escape in a query string with the status of each API, naming the parameter', async () => {
    const api = await request(h.app).get('/api/v1/posts?q=%E0%A4%A');
    const mount = await request(h.app).get(`${REALWORLD_PATH}/articles?tag=%E0%A4%A`);

    expect(fieldsOf(expectProblem(api, 400))).toEqual(['query.q']);
    expect(mount.status).toBe(422);
    expect(Object.keys(mount.body.errors)).toEqual(['tag']);
  });
});
