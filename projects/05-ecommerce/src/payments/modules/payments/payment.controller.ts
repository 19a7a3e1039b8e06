/** HTTP <-> PaymentService for the buyer (Payment-Token from checkout) or an admin, and the fake provider's page. */
import { ConflictError, NotFoundError } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { FakeProvider } from '../../providers/fake-provider.js';
import { ProviderInputError, ProviderStateError } from '../../providers/provider.js';
import type { AuthenticateInput, ConfirmInput } from './payment.schemas.js';
import type { PaymentAccess, PaymentService } from './payment.service.js';

const access = (req: Request): PaymentAccess => ({ paymentToken: req.get('payment-token'), user: req.user });

export function createPaymentController(service: PaymentService) {
  return {
    async byOrder(req: Request<{ orderId: string }>, res: Response) {
      res.json(await service.getByOrder(req.params.orderId, access(req)));
    },
    async confirm(req: Request<{ id: string }, unknown, ConfirmInput>, res: Response) {
      const key = req.get('idempotency-key') ?? `request:${String(req.id)}`;
      res.json(await service.confirm(req.params.id, access(req), req.body, key));
    },
  };
}

export function createFakeProviderController(provider: FakeProvider) {
  return {
    async authenticate(req: Request<{ intentId: string }, unknown, AuthenticateInput>, res: Response) {
      try {
        const intent = await provider.authenticate(req.params.intentId, req.body.approve);
        res.json({ id: intent.id, status: intent.status });
      } catch (err) {
        if (err instanceof ProviderStateError) throw new ConflictError(err.message);
        if (err instanceof ProviderInputError) throw new NotFoundError(err.message);
        throw err;
      }
    },
  };
}
