/**
 * bull-board (@bull-board/express and @bull-board/api, pinned to the same version) over the shop's
 * Bull queues. Its page finds its assets and API through `<base href>`, so a board is built per base
 * path: one for direct requests (/admin/queues/) and one per edge prefix (/shop/admin/queues/).
 */
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type Bull from 'bull';
import type { Request, RequestHandler } from 'express';
import { edgePrefix } from './dashboard-page.js';

export const QUEUES_PATH = '/admin/queues';

export function bullBoard(queues: readonly Bull.Queue[]): RequestHandler {
  const boards = new Map<string, RequestHandler>();
  const boardFor = (basePath: string): RequestHandler => {
    let board = boards.get(basePath);
    if (!board) {
      const serverAdapter = new ExpressAdapter().setBasePath(basePath);
      createBullBoard({
        queues: queues.map((queue) => new BullAdapter(queue)),
        serverAdapter,
        options: { uiConfig: { boardTitle: 'Shop queues' } },
      });
      board = serverAdapter.getRouter() as RequestHandler;
      boards.set(basePath, board);
    }
    return board;
  };
  return (req: Request, res, next) => boardFor(`${edgePrefix(req) ?? ''}${QUEUES_PATH}/`)(req, res, next);
}
