/**
 * A RealWorld test file's stack: the auth service as a real process and the blog in-process trusting
 * its tokens, the blog's RealWorld mount pointed at it. Helpers register users and write articles
 * through the mount, as a RealWorld frontend would.
 */
import { randomUUID } from 'node:crypto';
import { createAccessTokenVerifier } from '@roadmap/auth';
import { startAuthServiceProcess, useHarness } from '@roadmap/testing';
import type { Express } from 'express';
import request from 'supertest';
import { createOpenApiDocument, REALWORLD_PATH } from '../src/app.js';
import { buildBlog } from './harness.js';

export const RW = REALWORLD_PATH;

export interface RealWorldHarnessOptions {
  autoPublish?: boolean;
  authTimeoutMs?: number;
}

export function useRealWorldHarness(name: string, options: RealWorldHarnessOptions = {}) {
  return useHarness(
    name,
    async (ctx) => {
      const service = await startAuthServiceProcess(ctx, {
        issuer: 'http://auth.realworld.test',
        // Every test file registers and logs in many users from one address.
        env: { RATE_LIMIT_REGISTER_PER_IP: '1000', RATE_LIMIT_LOGIN_PER_IP: '1000' },
      });
      const { jwksUri, issuer, audience } = service;
      const auth = { ...service, verifier: createAccessTokenVerifier({ jwksUri, issuer, audience }) };
      const blog = await buildBlog(ctx, {
        verifier: auth.verifier,
        realWorld: {
          authUrl: auth.url,
          authTimeoutMs: options.authTimeoutMs ?? 5000,
          autoPublish: options.autoPublish ?? true,
        },
      });
      return { ...blog, auth };
    },
    { openApi: createOpenApiDocument() },
  );
}

export interface RealWorldUser {
  email: string;
  username: string;
  password: string;
  token: string;
  header: { Authorization: string };
}

/** A user registered through the mount (a unique username and email). */
export async function registerUser(app: Express, local = 'user'): Promise<RealWorldUser> {
  const username = `${local}${randomUUID().slice(0, 8)}`;
  const email = `${username}@realworld.test`;
  const password = 'Password-123';
  const res = await request(app).post(`${RW}/users`).send({ user: { username, email, password } });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.user.token as string;
  return { email, username, password, token, header: { Authorization: `Token ${token}` } };
}

export interface ArticleBody {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  favorited: boolean;
  favoritesCount: number;
  author: { username: string; following: boolean };
  [key: string]: unknown;
}

export async function writeArticle(
  app: Express,
  user: RealWorldUser,
  fields: Record<string, unknown> = {},
): Promise<ArticleBody> {
  const res = await request(app)
    .post(`${RW}/articles`)
    .set(user.header)
    .send({
      article: {
        title: `Article ${randomUUID().slice(0, 8)}`,
        description: 'What it is about',
        body: 'The body.',
        tagList: [],
        ...fields,
      },
    });
  if (res.status !== 201) throw new Error(`article failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.article as ArticleBody;
}
