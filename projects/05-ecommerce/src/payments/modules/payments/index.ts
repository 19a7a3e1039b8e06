/** The payments feature: intents per order, the provider calls, and the events they answer to. */
export { orderEventsConsumer, PAYMENTS_ORDER_EVENTS_CONSUMER } from './order-events.consumer.js';
export { registerFakeProviderPaths, registerPaymentPaths } from './payment.openapi.js';
export { PaymentRepository } from './payment.repository.js';
export { fakeProviderRoutes, paymentRoutes } from './payment.routes.js';
export { PaymentService } from './payment.service.js';
