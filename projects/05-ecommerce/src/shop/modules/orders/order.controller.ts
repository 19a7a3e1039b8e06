/** HTTP <-> OrderService for customers (their orders) and admins (every order, transitions). */
import { assertFreshSecondFactor, currentUser } from '@roadmap/auth';
import type { Request, Response } from 'express';
import { adminActor } from '../audit/index.js';
import type { CartTokens } from '../cart/index.js';
import type { AdminOrderListQuery, OrderListQuery, TransitionInput } from './order.schemas.js';
import type { OrderService, OrderViewer } from './order.service.js';

type Id = { id: string };

/**
 * Sending money back (a refund, or cancelling a paid order) needs a second factor the admin proved
 * within 10 minutes, or 401 insufficient_user_authentication with max_age (RFC 9470), which the admin
 * page turns into a prompt for the code and a retry. Other moves need only the admin role.
 */
export const MONEY_BACK_STEP_UP_SECONDS = 600;
type Empty = Record<string, string>;

export function createOrderController(service: OrderService, tokens: CartTokens) {
  const viewer = (req: Request): OrderViewer => ({ user: req.user, guestCartId: tokens.guestCartId(req) });
  return {
    async mine(req: Request<Empty, unknown, unknown, OrderListQuery>, res: Response) {
      res.json(await service.list({ userId: currentUser(req).id }, req.query));
    },
    async get(req: Request<Id>, res: Response) {
      res.json(await service.get(req.params.id, viewer(req)));
    },
    async history(req: Request<Id>, res: Response) {
      await service.viewAs(req.params.id, viewer(req));
      res.json({ data: await service.history(req.params.id) });
    },
    async cancel(req: Request<Id, unknown, { reason?: string }>, res: Response) {
      res.json(await service.cancelByCustomer(req.params.id, viewer(req), req.body.reason));
    },
    async adminList(req: Request<Empty, unknown, unknown, AdminOrderListQuery>, res: Response) {
      res.json(await service.list({}, req.query));
    },
    async adminGet(req: Request<Id>, res: Response) {
      res.json(await service.adminDetail(req.params.id));
    },
    async adminTransition(req: Request<Id, unknown, TransitionInput>, res: Response) {
      const admin = currentUser(req);
      await service.adminTransition(req.params.id, req.body, adminActor(admin), () =>
        assertFreshSecondFactor(admin, { maxAgeSeconds: MONEY_BACK_STEP_UP_SECONDS }),
      );
      res.json(await service.adminDetail(req.params.id));
    },
  };
}
