/** The orders feature: the state machine, customer and admin moves, expiry and payment outcomes. */
export { OrderChanges } from './order-changes.js';
export { allowedTransitions, SYSTEM, type Actor } from './order-state.js';
export { OrderRepository } from './order.repository.js';
export { OrderService } from './order.service.js';
export { PaymentOutcomes, SHOP_PAYMENT_CONSUMER } from './payment-outcomes.js';
export { paymentOutcomesConsumer } from './payment-outcomes.consumer.js';
export { orderAdminRoutes, orderRoutes } from './order.routes.js';
export { registerOrderPaths } from './order.openapi.js';
export { toOrder, orderRef, eventLines } from './order.view.js';
export { OrderSchema, ShippingAddressSchema, type Order } from './order.schemas.js';
