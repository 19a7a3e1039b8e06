import { decide } from './payment-state.js';

const at = (seconds: number) => new Date(seconds * 1000);

describe('payment event decisions', () => {
  it('applies a success to a payment waiting for its method', () => {
    expect(decide({ status: 'requires_payment_method', lastEventAt: null }, 'succeeded', at(10))).toBe('apply');
  });

  it('ignores a failure that arrives after the success it preceded', () => {
    expect(decide({ status: 'succeeded', lastEventAt: at(10) }, 'failed', at(9))).toBe('stale');
  });

  it('ignores an older processing event even when the move would be allowed', () => {
    expect(decide({ status: 'failed', lastEventAt: at(10) }, 'processing', at(8))).toBe('stale');
  });

  it('never moves a succeeded payment back to processing, even with the same timestamp', () => {
    expect(decide({ status: 'succeeded', lastEventAt: at(10) }, 'processing', at(10))).toBe('stale');
  });

  it('lets a retry after a decline succeed', () => {
    expect(decide({ status: 'failed', lastEventAt: at(10) }, 'succeeded', at(11))).toBe('apply');
  });

  it('refunds only a succeeded payment and keeps a refund final', () => {
    expect(decide({ status: 'succeeded', lastEventAt: at(10) }, 'refunded', at(20))).toBe('apply');
    expect(decide({ status: 'refunded', lastEventAt: at(20) }, 'succeeded', at(30))).toBe('stale');
  });

  it('reports a repeated status as no change', () => {
    expect(decide({ status: 'succeeded', lastEventAt: at(10) }, 'succeeded', at(10))).toBe('no_change');
  });
});
