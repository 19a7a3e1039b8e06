/**
 * A shop instance that serves Socket.io, as server.ts runs it: the app on a real port, the gateway
 * attached, the Redis adapter under the test's prefix (every instance of a test shares it, as the
 * instances of a deployment share theirs). A second instance beside the stack's: it consumes nothing.
 */
import type { AccessTokenVerifier } from '@roadmap/auth';
import { listen, testServices, type TestContext } from '@roadmap/testing';
import { createShopApp, type ShopDeps, type ShopServices } from '../../src/shop/app.js';
import {
  createRealtimeAdapter,
  createRealtimeGateway,
  type RealtimeServer,
} from '../../src/shop/modules/realtime/index.js';

export interface LiveShop {
  url: string;
  io: RealtimeServer;
}

export async function startLiveShop(
  ctx: TestContext,
  shop: { deps: ShopDeps; services: ShopServices; verifier: AccessTokenVerifier },
  redisPrefix: string,
): Promise<LiveShop> {
  const adapter = createRealtimeAdapter(testServices.redisUrl, { key: `${redisPrefix}socket.io`, logger: ctx.logger });
  const io = createRealtimeGateway({
    verifier: shop.verifier,
    service: shop.services.realtime,
    logger: ctx.logger,
    adapter: adapter.adapter,
  });
  const server = await listen(
    ctx.conform(createShopApp({ ...shop.deps, realtimeReady: adapter.readiness }, shop.services)),
  );
  io.attach(server.server);
  ctx.onCleanup(async () => {
    await io.close();
    await server.close();
    await adapter.close();
  });
  return { url: server.url, io };
}
