/**
 * Requests generated from the published document for the RealWorld mount, against a real auth service:
 * RealWorld answers invalid input with 422 `{ errors }`, so a 422 is the refusal as invalid, except for
 * the rules the document states in words (a taken name, following yourself, a password over 72 bytes),
 * which are 422 in RealWorld's shape too and are told apart by their messages.
 */
import { describeRequestConformance, type ConformanceAnswer } from '@roadmap/testing';
import { createOpenApiDocument, REALWORLD_PATH } from '../src/app.js';
import { registerUser, useRealWorldHarness, type RealWorldUser } from './realworld-harness.js';

const h = useRealWorldHarness('realworld-contract');
let caller: Promise<RealWorldUser> | undefined;

const RULES_IN_WORDS = /has already been taken|cannot follow yourself|at most 72 bytes/;

function refusesAsInvalid(answer: ConformanceAnswer): boolean {
  if (answer.status !== 422) return false;
  const errors = (answer.body as { errors?: Record<string, string[]> }).errors ?? {};
  return !Object.values(errors)
    .flat()
    .every((message) => RULES_IN_WORDS.test(message));
}

describeRequestConformance(
  createOpenApiDocument(),
  () => ({
    app: h.app,
    authorize: async () => (await (caller ??= registerUser(h.app, 'contract'))).header,
    refusesAsInvalid,
  }),
  { include: (operation) => operation.template.startsWith(REALWORLD_PATH) },
);
