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
    })
    .superRefine(refuseDevelopmentDefaults(passwordlessDatabaseUrl('MONGO_URL'))),
);

export type BlogConfig = z.output<typeof blogEnvSchema>;

export function loadBlogConfig(env: NodeJS.ProcessEnv = process.env): BlogConfig {
  return loadConfig(blogEnvSchema, env);
}
