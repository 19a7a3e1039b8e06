/** Assertions on problem+json answers, shared by every API test. */
import type { Response } from 'supertest';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/** Asserts `res` is a problem+json answer with `status`, and returns its body. */
export function expectProblem(res: Response, status: number): ProblemBody {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.body as ProblemBody;
  expect(body).toEqual(expect.objectContaining({ status, type: expect.any(String), title: expect.any(String) }));
  return body;
}

/** The fields named in a 400 validation problem. */
export function fieldsOf(problem: ProblemBody): string[] {
  return (problem.errors ?? []).map((error) => error.field);
}
