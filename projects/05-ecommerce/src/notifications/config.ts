/** The notifications worker's environment, validated once at start-up. */
import { baseEnvShape, loadConfig, refuseDevelopmentDefaults } from '@roadmap/core';
import { mailRetryEnvShape } from '@roadmap/mail';
import { z } from 'zod';
import { databaseRefusal, infrastructureEnvShape } from '../platform/config.js';

export const notificationsEnvSchema = z
  .object({
    /** The worker serves only /healthz and /readyz on this port. */
    ...baseEnvShape(3007),
    ...infrastructureEnvShape,
    /** Mailpit locally (`docker compose up -d mailpit`: SMTP 1025, web UI 8025). */
    SMTP_URL: z.string().min(1).default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('Shop <orders@shop.local>'),
    MAIL_MESSAGE_ID_DOMAIN: z.string().min(1).default('shop.local'),
    /** Mail delivery retries (@roadmap/mail's defaults: 20 attempts over about three hours). */
    ...mailRetryEnvShape,
    /** How often the sweep queues recorded mail whose job was lost (Redis down at the commit). */
    MAIL_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  })
  .superRefine(refuseDevelopmentDefaults(databaseRefusal));

export type NotificationsConfig = z.output<typeof notificationsEnvSchema>;

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  return loadConfig(notificationsEnvSchema, env);
}
