/**
 * The blog's real server (src/server.ts) as a child process on the real services: SIGTERM under
 * keep-alive load resets no connection, readiness answers 503 through the configured drain delay
 * first, and dependencies close by stage; an unhandled rejection is logged, shuts the server down
 * the same way and exits 1.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestIssuer } from '@roadmap/auth/testing';
import { describeProcessLife, testServices, useProcessServices } from '@roadmap/testing';

const SERVER = path.join(__dirname, '..', 'src', 'server.ts');
const CLOSE_ORDER = ['mail', 'smtp', 'redis', 'mongodb'];
const services = useProcessServices('blog_process');

const env = () => ({
  MONGO_URL: services.mongoUrl,
  REDIS_URL: testServices.redisUrl,
  QUEUE_PREFIX: services.redis.prefix.replace(/:$/, ''),
  SMTP_URL: `smtp://${services.sink.host}:${services.sink.port}`,
  AUTH_PUBLIC_KEY: createTestIssuer().key.publicKeyPem,
  UPLOAD_DIR: path.join(tmpdir(), `${services.db.dbName}-uploads`),
});

describeProcessLife({
  title: 'the blog server process',
  server: SERVER,
  env,
  loadPath: '/api/v1/posts',
  closeOrder: CLOSE_ORDER,
});
