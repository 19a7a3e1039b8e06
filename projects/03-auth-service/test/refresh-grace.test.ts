import { expectProblem, uniqueEmail } from '@roadmap/testing';
import { useAuthHarness, login, refreshWith, registerUser } from './harness.js';

const h = useAuthHarness('auth_grace', { settings: { refreshReuseGraceMs: 10_000 } });

const refresh = (refreshToken: string) => refreshWith(h.app, refreshToken);

it('with a grace window set, accepts the immediately previous token once more and continues the chain from there', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const { refreshToken: first } = await login(h.app, email);
  expect((await refresh(first)).status).toBe(200);

  // The client lost the answer and retries with the previous token, within the window.
  const retry = await refresh(first);
  expect(retry.status).toBe(200);
  expect((await refresh(retry.body.refreshToken)).status).toBe(200);
});

it('retires the successor the retry replaced: once the window has passed, presenting it is reuse', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const { refreshToken: first } = await login(h.app, email);
  const second = await refresh(first);
  const retry = await refresh(first);
  h.clock.advance(10_001);
  expectProblem(await refresh(second.body.refreshToken), 401);
  expectProblem(await refresh(retry.body.refreshToken), 401);
});

it('treats the previous token as reuse after the grace window and revokes the family', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const { refreshToken: first } = await login(h.app, email);
  const second = await refresh(first);
  h.clock.advance(10_001);
  expectProblem(await refresh(first), 401);
  expectProblem(await refresh(second.body.refreshToken), 401);
});
