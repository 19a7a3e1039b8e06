/** The order-mail feature: the email each order event calls for, recorded once and sent through @roadmap/mail. */
export {
  MAIL_QUEUE,
  NOTIFICATIONS_ORDER_MAIL_CONSUMER,
  orderMailConsumer,
  type OrderMailDeps,
} from './order-mail.consumer.js';
export { mailFor } from './order-mail.js';
