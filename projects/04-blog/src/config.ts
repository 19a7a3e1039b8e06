import { authVerifierEnvShape, withKeySource } from '@roadmap/auth';
import {
  baseEnvShape,
  envBoolean,
  loadConfig,
  mongoTimeoutEnvShape,
  mongoUrl,
  passwordlessDatabaseUrl,
  refuseDevelopmentDefaults,
} from '@roadmap/core';
import { mailRetryEnvShape } from '@roadmap/mail';
import { redisBoundsEnvShape } from '@roadmap/redis';
import { z } from 'zod';
import type { RealWorldSettings } from './app.js';

export const blogEnvSchema = withKeySource(
  z
    .object({
      ...baseEnvShape(3004),
      ...authVerifierEnvShape,
      MONGO_URL: mongoUrl('blog'),
      ...mongoTimeoutEnvShape,
      REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
      ...redisBoundsEnvShape,
      /** Prefix of every Bull key, so several services can share one Redis. */
      QUEUE_PREFIX: z.string().min(1).default('blog'),
      SMTP_URL: z.string().min(1).default('smtp://127.0.0.1:1025'),
      MAIL_FROM: z.string().min(3).default('Blog <no-reply@blog.local>'),
      ...mailRetryEnvShape,
      /** Run the email worker in this process (set false when a separate worker runs it). */
      MAIL_WORKER: envBoolean(true),
      UPLOAD_DIR: z.string().min(1).default('.data/blog-uploads'),
      UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(2_000_000),
      /** The public base URL, used in links inside emails. */
      PUBLIC_URL: z.url().default('http://localhost:3004'),
      JSON_BODY_LIMIT: z.string().default('200kb'),
      /**
       * The auth service's base URL, for the RealWorld mount's users. Defaults to the service that
       * publishes AUTH_JWKS_URL (its URL without `/.well-known/jwks.json`), else DEVELOPMENT_AUTH_URL.
       */
      AUTH_URL: z.url().optional(),
      /** The longest wait for one call to the auth service. */
      AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
      /** Articles created through the RealWorld mount are published at once (false: they go to review). */
      REALWORLD_AUTO_PUBLISH: envBoolean(true),
    })
    .superRefine(refuseDevelopmentDefaults(passwordlessDatabaseUrl('MONGO_URL'))),
);

export type BlogConfig = z.output<typeof blogEnvSchema>;

/** Where the auth service answers when neither AUTH_URL nor AUTH_JWKS_URL says (as AUTH_JWKS_URL's default). */
export const DEVELOPMENT_AUTH_URL = 'http://127.0.0.1:3003';

const JWKS_PATH = /\/\.well-known\/jwks\.json$/;

/** The auth service's base URL: AUTH_URL, else the service whose JWKS the blog trusts. */
export function authServiceUrl(config: Pick<BlogConfig, 'AUTH_URL' | 'AUTH_JWKS_URL'>): string {
  if (config.AUTH_URL !== undefined) return config.AUTH_URL;
  if (config.AUTH_JWKS_URL !== undefined && JWKS_PATH.test(config.AUTH_JWKS_URL)) {
    return config.AUTH_JWKS_URL.replace(JWKS_PATH, '');
  }
  return DEVELOPMENT_AUTH_URL;
}

/** The RealWorld mount's settings from the configuration. */
export function realWorldSettings(config: BlogConfig): RealWorldSettings {
  return {
    authUrl: authServiceUrl(config),
    authTimeoutMs: config.AUTH_TIMEOUT_MS,
    autoPublish: config.REALWORLD_AUTO_PUBLISH,
  };
}

export function loadBlogConfig(env: NodeJS.ProcessEnv = process.env): BlogConfig {
  return loadConfig(blogEnvSchema, env);
}
