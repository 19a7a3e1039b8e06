/** Users and shortcuts shared by the API tests. */
import { randomUUID } from 'node:crypto';
import type { TestIssuer } from '@roadmap/auth/testing';
import { uniqueEmail } from '@roadmap/testing';
import type { Express } from 'express';
import request from 'supertest';

export interface TestUser {
  id: string;
  email: string;
  role: 'user' | 'admin';
  token: string;
  header: { Authorization: string };
}

export function makeUser(issuer: TestIssuer, role: 'user' | 'admin' = 'user', local: string = role): TestUser {
  const id = randomUUID();
  const email = uniqueEmail(local);
  const token = issuer.tokenFor({ id, role, email });
  return { id, email, role, token, header: { Authorization: `Bearer ${token}` } };
}

/** The three users most post tests need: an author, another user and an admin. */
export function makeRoles(issuer: TestIssuer): { author: TestUser; other: TestUser; admin: TestUser } {
  return {
    author: makeUser(issuer, 'user', 'author'),
    other: makeUser(issuer, 'user', 'other'),
    admin: makeUser(issuer, 'admin'),
  };
}

export interface PostBody {
  id: string;
  slug: string;
  status: string;
  version: number;
  title: string;
  coverImageUrl: string | null;
  commentCount: number;
  [key: string]: unknown;
}

export async function createPost(
  app: Express,
  author: TestUser,
  fields: Record<string, unknown> = {},
): Promise<PostBody> {
  const res = await request(app)
    .post('/api/v1/posts')
    .set(author.header)
    .send({ title: `A post ${randomUUID().slice(0, 8)}`, body: '# Hello\n\nSome *markdown*.', ...fields });
  expect(res.status).toBe(201);
  return res.body as PostBody;
}

/** A post taken through submit and approve. */
export async function publishedPost(
  app: Express,
  author: TestUser,
  admin: TestUser,
  fields: Record<string, unknown> = {},
): Promise<PostBody> {
  const post = await createPost(app, author, fields);
  expect((await request(app).post(`/api/v1/posts/${post.id}/submit`).set(author.header)).status).toBe(200);
  const res = await request(app).post(`/api/v1/posts/${post.id}/approve`).set(admin.header);
  expect(res.status).toBe(200);
  return res.body as PostBody;
}
