/**
 * Movie booking's real server (src/server.ts) as a child process on the real services: SIGTERM under
 * keep-alive load resets no connection, readiness answers 503 through the configured drain delay
 * first, and dependencies close by stage; an unhandled rejection is logged, shuts the server down
 * the same way and exits 1.
 */
import path from 'node:path';
import { createTestIssuer } from '@roadmap/auth/testing';
import { describeProcessLife, testServices, useProcessServices } from '@roadmap/testing';

const SERVER = path.join(__dirname, '..', 'src', 'server.ts');
const CLOSE_ORDER = ['hold sweeper', 'mail', 'smtp', 'redis', 'mongodb'];
const services = useProcessServices('booking_process');

const env = () => ({
  MONGO_URL: services.mongoUrl,
  REDIS_URL: testServices.redisUrl,
  REDIS_PREFIX: services.redis.prefix.replace(/:$/, ''),
  SMTP_URL: `smtp://${services.sink.host}:${services.sink.port}`,
  AUTH_PUBLIC_KEY: createTestIssuer().key.publicKeyPem,
});

describeProcessLife({
  title: 'the movie booking server process',
  server: SERVER,
  env,
  loadPath: '/api/v1/movies',
  closeOrder: CLOSE_ORDER,
});
