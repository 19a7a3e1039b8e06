// The fields of Railway's config-as-code file (https://docs.railway.com/reference/config-as-code)
// that deploy/railway/*.json use, as a zod schema; scripts/check-deploy.mjs checks each file with it.
import { z } from 'zod';

export const RailwayConfig = z.strictObject({
  $schema: z.literal('https://railway.com/railway.schema.json'),
  build: z.strictObject({
    builder: z.literal('DOCKERFILE'),
    dockerfilePath: z.string(),
    watchPatterns: z.array(z.string()).min(1),
  }),
  deploy: z.strictObject({
    healthcheckPath: z.string().startsWith('/'),
    healthcheckTimeout: z.number().int().min(1).max(600),
    restartPolicyType: z.enum(['ON_FAILURE', 'ALWAYS', 'NEVER']),
    restartPolicyMaxRetries: z.number().int().min(0),
    drainingSeconds: z.number().int().min(0).max(600),
  }),
});
