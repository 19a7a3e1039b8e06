import { Types } from 'mongoose';
import { ClaimSignals } from './claim-signals.js';
import { isDuplicateKeyBulkFailure, isStale, type StoredLock } from './seat-claim.js';

const NOW = new Date('2030-03-01T09:00:00Z');
const lock = (fields: Partial<StoredLock>): StoredLock => ({
  _id: new Types.ObjectId(),
  seat: 'A1',
  state: 'held',
  ...fields,
});

describe('isStale', () => {
  it('counts a hold that has ended and a pending lock its claim abandoned as no longer taking the seat', () => {
    expect(isStale(lock({ expiresAt: NOW }), NOW)).toBe(true);
    expect(isStale(lock({ state: 'blocked', pendingUntil: new Date(NOW.getTime() - 1) }), NOW)).toBe(true);
  });

  it('keeps a live hold, a booked seat and a claim still in time', () => {
    expect(isStale(lock({ expiresAt: new Date(NOW.getTime() + 1) }), NOW)).toBe(false);
    expect(isStale(lock({ state: 'booked' }), NOW)).toBe(false);
    expect(
      isStale(lock({ expiresAt: new Date(NOW.getTime() + 1), pendingUntil: new Date(NOW.getTime() + 1) }), NOW),
    ).toBe(false);
  });
});

describe('isDuplicateKeyBulkFailure', () => {
  it('recognises an insert refused only by the unique index', () => {
    expect(isDuplicateKeyBulkFailure({ writeErrors: [{ index: 1, code: 11000 }] })).toBe(true);
    expect(isDuplicateKeyBulkFailure({ writeErrors: [{ index: 0, code: 121 }] })).toBe(false);
    expect(isDuplicateKeyBulkFailure(new Error('connection reset'))).toBe(false);
  });
});

describe('ClaimSignals', () => {
  it('wakes the waiters of one seat when its claim ends, and only them', async () => {
    const signals = new ClaimSignals();
    const woken: string[] = [];
    const a1 = signals.wait('show:A1', 60_000).then(() => woken.push('A1'));
    const a2 = signals.wait('show:A2', 1).then(() => woken.push('A2 by its timer'));

    await a2;
    signals.notify('show:A1');
    await a1;

    expect(woken).toEqual(['A2 by its timer', 'A1']);
  });
});
