/** The realtime feature: Socket.io on the shop, fed by the RabbitMQ events after commit. */
export { createRealtimeGateway, SOCKET_PATH, type RealtimeServer } from './realtime.gateway.js';
export { createRealtimeAdapter, type RealtimeAdapter } from './realtime-adapter.js';
export { realtimeConsumer, SHOP_REALTIME_CONSUMER } from './realtime.consumer.js';
export { RealtimeService, type LiveOrderRow, type LiveOrders } from './realtime.service.js';
export type { ClientToServerEvents, OrderUpdate, ServerToClientEvents } from './realtime.schemas.js';
