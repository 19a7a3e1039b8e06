/**
 * bull-board (@bull-board/express and @bull-board/api, pinned to the same version) over the shop's
 * Bull queues. Its page finds its assets and API through `<base href>`, so a board is built per base
 * path: one for direct requests (/admin/queues/) and one per edge prefix (/shop/admin/queues/).
 */
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type Bull from 'bull';
import { publicPrefix } from '@roadmap/core';
import type { RequestHandler } from 'express';

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
  return (req, res, next) => boardFor(`${publicPrefix(req, res)}${QUEUES_PATH}/`)(req, res, next);
}

/**
 * bull-board's page loads its typeface from Google Fonts and styles itself inline: its policy allows
 * those two font hosts, on the board's paths only (the admin page keeps its strict one).
 */
export function bullBoardPolicy(): RequestHandler {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
    "font-src 'self' https://fonts.gstatic.com",
    "img-src 'self' data:",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', policy);
    next();
  };
}
