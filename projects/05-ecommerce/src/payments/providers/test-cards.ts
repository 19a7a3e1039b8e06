/** The fake provider's test cards and payment methods, named and behaving as Stripe's test ones do. */
export type CardOutcome =
  | { kind: 'succeed' }
  | { kind: 'decline'; code: 'card_declined' | 'insufficient_funds' | 'expired_card' }
  | { kind: 'authenticate' };

export const TEST_CARDS: Record<string, CardOutcome> = {
  '4242424242424242': { kind: 'succeed' },
  '5555555555554444': { kind: 'succeed' },
  '4000000000000002': { kind: 'decline', code: 'card_declined' },
  '4000000000009995': { kind: 'decline', code: 'insufficient_funds' },
  '4000000000000069': { kind: 'decline', code: 'expired_card' },
  '4000002500003155': { kind: 'authenticate' },
};

export const TEST_PAYMENT_METHODS: Record<string, CardOutcome> = {
  pm_card_visa: { kind: 'succeed' },
  pm_card_mastercard: { kind: 'succeed' },
  pm_card_chargeDeclined: { kind: 'decline', code: 'card_declined' },
  pm_card_chargeDeclinedInsufficientFunds: { kind: 'decline', code: 'insufficient_funds' },
  pm_card_authenticationRequired: { kind: 'authenticate' },
};
