// The part of Render's Blueprint specification (https://render.com/docs/blueprint-spec) that
// render.yaml uses, as a zod schema. Objects are strict, so a misspelt or unsupported field fails the
// check instead of being ignored by Render. scripts/check-deploy.mjs parses render.yaml with it.
import { z } from 'zod';

const name = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes');
const envKey = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name');

const EnvVar = z.union([
  z.strictObject({ key: envKey, value: z.string() }),
  z.strictObject({ key: envKey, generateValue: z.literal(true) }),
  z.strictObject({ key: envKey, sync: z.literal(false) }),
  z.strictObject({
    key: envKey,
    fromDatabase: z.strictObject({
      name,
      property: z.enum(['connectionString', 'host', 'port', 'user', 'password', 'database']),
    }),
  }),
  z.strictObject({
    key: envKey,
    fromService: z.union([
      z.strictObject({
        type: z.enum(['web', 'pserv', 'worker', 'keyvalue', 'redis']),
        name,
        property: z.enum(['host', 'port', 'hostport', 'connectionString']),
      }),
      z.strictObject({ type: z.enum(['web', 'pserv', 'worker']), name, envVarKey: envKey }),
    ]),
  }),
  z.strictObject({ fromGroup: name }),
]);

const plan = z.enum(['free', 'starter', 'standard', 'pro', 'pro plus', 'pro max', 'pro ultra']);
const region = z.enum(['oregon', 'ohio', 'virginia', 'frankfurt', 'singapore']);

const DockerService = z.strictObject({
  type: z.enum(['web', 'pserv', 'worker']),
  name,
  runtime: z.literal('docker'),
  plan: plan.optional(),
  region: region.optional(),
  branch: z.string().optional(),
  dockerfilePath: z.string().startsWith('./'),
  dockerContext: z.string(),
  dockerCommand: z.string().optional(),
  healthCheckPath: z.string().startsWith('/').optional(),
  autoDeployTrigger: z.enum(['off', 'commit', 'checksPass']).optional(),
  numInstances: z.number().int().min(1).optional(),
  maxShutdownDelaySeconds: z.number().int().min(1).max(300).optional(),
  disk: z.strictObject({ name, mountPath: z.string().startsWith('/'), sizeGB: z.number().int().min(1) }).optional(),
  envVars: z.array(EnvVar).optional(),
});

const KeyValue = z.strictObject({
  type: z.literal('keyvalue'),
  name,
  plan: z.enum(['free', 'starter', 'standard', 'pro', 'pro plus']).optional(),
  region: region.optional(),
  maxmemoryPolicy: z
    .enum([
      'noeviction',
      'allkeys-lru',
      'allkeys-lfu',
      'allkeys-random',
      'volatile-lru',
      'volatile-lfu',
      'volatile-random',
      'volatile-ttl',
    ])
    .optional(),
  ipAllowList: z.array(z.strictObject({ source: z.string(), description: z.string().optional() })),
});

const Database = z.strictObject({
  name,
  plan: z.string().optional(),
  region: region.optional(),
  postgresMajorVersion: z.string().regex(/^\d+$/).optional(),
  databaseName: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  user: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  ipAllowList: z.array(z.strictObject({ source: z.string(), description: z.string().optional() })).optional(),
});

export const RenderBlueprint = z.strictObject({
  envVarGroups: z
    .array(
      z.strictObject({
        name,
        envVars: z.array(z.union([EnvVar.options[0], EnvVar.options[1], EnvVar.options[2]])),
      }),
    )
    .optional(),
  services: z.array(z.union([DockerService, KeyValue])),
  databases: z.array(Database).optional(),
});
