/**
 * The auth service's real server (src/server.ts) as a child process on the real services: SIGTERM under
 * keep-alive load resets no connection, readiness answers 503 through the configured drain delay
 * first, and dependencies close by stage; an unhandled rejection is logged, shuts the server down
 * the same way and exits 1.
 */
import path from 'node:path';
import { describeProcessLife, testServices, useProcessServices } from '@roadmap/testing';

const SERVER = path.join(__dirname, '..', 'src', 'server.ts');
const CLOSE_ORDER = ['background work', 'data retention', 'mail', 'smtp', 'redis', 'mongodb'];
const services = useProcessServices('auth_process');

const env = () => ({
  MONGO_URL: services.mongoUrl,
  REDIS_URL: testServices.redisUrl,
  REDIS_PREFIX: services.redis.prefix,
  SMTP_URL: `smtp://${services.sink.host}:${services.sink.port}`,
  BCRYPT_COST: '4',
  CLEANUP_INTERVAL_SECONDS: '0',
});

describeProcessLife({
  title: 'the auth service server process',
  server: SERVER,
  env,
  // No public route reads the database; readiness pings MongoDB and Redis on every request.
  loadPath: '/readyz',
  closeOrder: CLOSE_ORDER,
});
