/**
 * Standalone development without the auth service: keeps an ES256 key in .data/blog-dev-key.pem,
 * prints the AUTH_PUBLIC_KEY to start the blog with, and access tokens for a demo author, a reader
 * and an admin (issuer and audience as the auth service's defaults, valid for 12 hours).
 *   pnpm --filter @roadmap/blog dev-tokens
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AccessTokenIssuer, generateSigningKey, signingKeyFromPem } from '@roadmap/auth';
import { startOrExit } from '@roadmap/core';

const KEY_FILE = path.resolve(process.env.DEV_KEY_FILE ?? '.data/blog-dev-key.pem');

startOrExit(async () => {
  if (!existsSync(KEY_FILE)) {
    await mkdir(path.dirname(KEY_FILE), { recursive: true });
    await writeFile(KEY_FILE, generateSigningKey().privateKeyPem, { mode: 0o600 });
  }
  const key = signingKeyFromPem(await readFile(KEY_FILE, 'utf8'));
  const issuer = new AccessTokenIssuer({
    key,
    issuer: process.env.AUTH_ISSUER ?? 'http://localhost:3003',
    audience: process.env.AUTH_AUDIENCE ?? 'backend-roadmap',
    ttlSeconds: 12 * 3600,
  });
  const token = (id: string, role: 'user' | 'admin', email: string) => issuer.sign({ id, role, email }).token;
  process.stdout.write(
    [
      `export AUTH_PUBLIC_KEY='${key.publicKeyPem.trim().replace(/\n/g, '\\n')}'`,
      `export AUTHOR_TOKEN=${token('demo-author', 'user', 'author@example.com')}`,
      `export READER_TOKEN=${token('demo-reader', 'user', 'reader@example.com')}`,
      `export ADMIN_TOKEN=${token('demo-admin', 'admin', 'admin@example.com')}`,
      '',
    ].join('\n'),
  );
});
