/** The payments feature: intents per order, the provider calls, and the events they answer to. */
export { orderEventsConsumer } from './order-events.js';
export { PaymentRepository } from './payment.repository.js';
export { fakeProviderRoutes, paymentRoutes } from './payment.routes.js';
export { PaymentService } from './payment.service.js';
