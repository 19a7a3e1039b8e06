import { authVerifierEnvShape, withKeySource } from '@roadmap/auth';
import {
  baseEnvShape,
  envBoolean,
  loadConfig,
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
      /** The auth service's base URL, for the RealWorld mount's users. Outside production: DEVELOPMENT_AUTH_URL. */
      AUTH_URL: z.url().optional(),
      /** The longest wait for one call to the auth service. */
      AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
      /** Articles created through the RealWorld mount are published at once (false: they go to review). */
      REALWORLD_AUTO_PUBLISH: envBoolean(true),
    })
    .superRefine(refuseDevelopmentDefaults(passwordlessDatabaseUrl('MONGO_URL')))
    .superRefine((env, ctx) => {
      if (env.NODE_ENV === 'production' && env.AUTH_URL === undefined) {
        ctx.addIssue({ code: 'custom', path: ['AUTH_URL'], message: 'set AUTH_URL (the auth service) in production' });
      }
    }),
);

export type BlogConfig = z.output<typeof blogEnvSchema>;

/** Where the auth service answers outside production when AUTH_URL is not set (as AUTH_JWKS_URL's default). */
export const DEVELOPMENT_AUTH_URL = 'http://127.0.0.1:3003';

/** The RealWorld mount's settings from the configuration. */
export function realWorldSettings(config: BlogConfig): RealWorldSettings {
  return {
    authUrl: config.AUTH_URL ?? DEVELOPMENT_AUTH_URL,
    authTimeoutMs: config.AUTH_TIMEOUT_MS,
    autoPublish: config.REALWORLD_AUTO_PUBLISH,
  };
}

export function loadBlogConfig(env: NodeJS.ProcessEnv = process.env): BlogConfig {
  return loadConfig(blogEnvSchema, env);
}
