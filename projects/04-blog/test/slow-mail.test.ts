/**
 * A mail server that accepts the connection and never answers: the comment request must not wait
 * for it. (Failing servers are covered in comments.test.ts.)
 */
import { createServer, type Server, type Socket } from 'node:net';
import { waitFor } from '@roadmap/testing';
import request from 'supertest';
import { notificationJobId } from '../src/jobs/comment-email.js';
import { useBlogHarness } from './harness.js';
import { makeUser, publishedPost, type TestUser } from './fixtures.js';

const GREETING_TIMEOUT_MS = 1000;

let silent: Server;
let silentPort: number;
const sockets = new Set<Socket>();
let author: TestUser;
let reader: TestUser;

// Registered before the harness, so the silent server is listening when the harness is built.
beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (!address || typeof address === 'string') throw new Error('the silent SMTP server has no TCP address');
  silentPort = address.port;
});
const h = useBlogHarness('blog-slow-mail', () => ({
  smtpUrl: `smtp://127.0.0.1:${silentPort}/?greetingTimeout=${GREETING_TIMEOUT_MS}`,
  mailAttempts: 2,
  mailBackoffMs: 50,
}));
beforeAll(() => {
  author = makeUser(h.issuer, 'user', 'author');
  reader = makeUser(h.issuer, 'user', 'reader');
});
// Registered after the harness, so the harness (and its mail queue) is closed first.
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('a slow mail server', () => {
  it('never slows the comment request: it answers while the email is still waiting for the server', async () => {
    const admin = makeUser(h.issuer, 'admin');
    const post = await publishedPost(h.app, author, admin);
    const res = await request(h.app).post(`/api/v1/posts/${post.id}/comments`).set(reader.header).send({ body: 'Hi' });
    expect(res.status).toBe(201);
    const job = await h.mail.queue.getJob(notificationJobId(res.body.id as string, author.email));
    expect(job).not.toBeNull();
    // The request is done, yet the mail server has not even greeted: the email has not been sent.
    expect(await job?.isCompleted()).toBe(false);
    expect(job?.attemptsMade).toBe(0);
    // The worker did try, and gave up on that attempt only after the server's silence timed out.
    const tried = await waitFor(async () => {
      const current = await h.mail.queue.getJob(notificationJobId(res.body.id as string, author.email));
      return current && current.attemptsMade >= 1 ? current : undefined;
    });
    expect(tried.failedReason).toMatch(/greeting|timeout/i);
    expect(h.smtp.messages).toEqual([]);
  });
});
