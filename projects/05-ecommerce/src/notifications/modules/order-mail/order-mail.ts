/** The emails the worker sends, one per order event it consumes; the key dedupes each one for ever. */
import type { OwedMail } from '@roadmap/mail';
import type { DomainEvent, EventData } from '../../../contracts/events.js';
import { isEvent } from '../../../contracts/events.js';

function money(minor: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);
}

function lines(data: EventData<'order.paid.v1'>): string {
  return data.lines
    .map((l) => `  ${l.quantity} x ${l.name} (${l.sku})  ${money(l.unitPriceMinor * l.quantity, data.currency)}`)
    .join('\n');
}

/** The email an event calls for, or undefined for events that need none. */
export function mailFor(event: DomainEvent): OwedMail | undefined {
  if (isEvent(event, 'order.paid.v1')) {
    const d = event.data;
    return {
      key: `order-paid:${d.orderId}`,
      to: d.email,
      subject: `Order #${d.orderNumber} confirmed`,
      text: `Thank you! We received your payment for order #${d.orderNumber}.\n\n${lines(d)}\n\nTotal: ${money(d.totalMinor, d.currency)}\n`,
    };
  }
  if (isEvent(event, 'order.fulfilled.v1')) {
    const d = event.data;
    const tracking = d.trackingNumber ? `\nTracking number: ${d.trackingNumber}\n` : '';
    return {
      key: `order-shipped:${d.orderId}`,
      to: d.email,
      subject: `Order #${d.orderNumber} has shipped`,
      text: `Your order #${d.orderNumber} is on its way.\n${tracking}`,
    };
  }
  if (isEvent(event, 'order.cancelled.v1')) {
    const d = event.data;
    const refund = d.refundRequired ? ' Your payment will be refunded.' : '';
    return {
      key: `order-cancelled:${d.orderId}`,
      to: d.email,
      subject: `Order #${d.orderNumber} was cancelled`,
      text: `Your order #${d.orderNumber} was cancelled (${d.reason}).${refund}\n`,
    };
  }
  if (isEvent(event, 'order.refunded.v1')) {
    const d = event.data;
    return {
      key: `order-refunded:${d.orderId}`,
      to: d.email,
      subject: `Refund for order #${d.orderNumber}`,
      text: `We refunded ${money(d.totalMinor, d.currency)} for order #${d.orderNumber}.\n`,
    };
  }
  return undefined;
}
