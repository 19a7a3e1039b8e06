/**
 * Hostile text: a NUL character in any text field is a 400 naming the field (the notes are kept in
 * memory, but the rule is the same in every project), and a malformed percent-escape in a query
 * string is a 400 naming the parameter.
 */
import { expectProblem, fieldsOf, nulTextProbes, unrefusedProbes } from '@roadmap/testing';
import request from 'supertest';
import { createOpenApiDocument } from '../src/app.js';
import { BASE, useNotesHarness } from './harness.js';

describe('hostile text in requests', () => {
  const h = useNotesHarness('notes_hostile_input');

  it('refuses a NUL in every text field the document lists, naming the field', async () => {
    const probes = nulTextProbes(createOpenApiDocument());

    expect(await unrefusedProbes(h.app, probes)).toEqual([]);
    expect(probes.map((probe) => `${probe.method} ${probe.field}`)).toEqual(
      expect.arrayContaining(['post body.title', 'put body.content', 'get query.q']),
    );
  });

  it('answers 400 naming the parameter for a malformed percent-escape in the list query', async () => {
    expect(fieldsOf(expectProblem(await request(h.app).get(`${BASE}?q=%E0%A4%A`), 400))).toEqual(['query.q']);
  });
});
