/** HTTP <-> CommentService, for the comments of the post in the path. */
import { currentUser } from '@roadmap/auth';
import { publicPath, type IdParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { CommentInput, CommentListQuery, CommentParams } from './comment.schemas.js';
import type { CommentService } from './comment.service.js';

export function createCommentController(comments: CommentService) {
  return {
    async list(req: Request<IdParams, unknown, unknown, CommentListQuery>, res: Response) {
      res.json(await comments.list(req.user, req.params.id, req.query));
    },
    async create(req: Request<IdParams, unknown, CommentInput>, res: Response) {
      const comment = await comments.create(currentUser(req), req.params.id, req.body);
      res
        .status(201)
        .location(publicPath(req, res, `${req.baseUrl}/${comment.id}`))
        .json(comment);
    },
    async get(req: Request<CommentParams>, res: Response) {
      res.json(await comments.get(req.user, req.params.id, req.params.commentId));
    },
    async delete(req: Request<CommentParams>, res: Response) {
      await comments.delete(currentUser(req), req.params.id, req.params.commentId);
      res.status(204).end();
    },
  };
}
