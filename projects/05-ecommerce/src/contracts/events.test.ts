import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { parseEvent } from './events.js';

const valid = {
  id: randomUUID(),
  type: 'payment.failed.v1',
  occurredAt: '2030-01-01T00:00:00.000Z',
  data: { paymentId: randomUUID(), orderId: randomUUID(), code: 'card_declined', message: 'Declined.' },
};

describe('event contracts', () => {
  it('parses an event that matches its versioned schema', () => {
    expect(parseEvent(valid)).toEqual(valid);
  });

  it('refuses an event whose data does not match its schema', () => {
    expect(() => parseEvent({ ...valid, data: { ...valid.data, orderId: 'not-a-uuid' } })).toThrow(ZodError);
  });

  it('refuses an unknown or unversioned event name', () => {
    expect(() => parseEvent({ ...valid, type: 'payment.failed' })).toThrow(ZodError);
  });
});
