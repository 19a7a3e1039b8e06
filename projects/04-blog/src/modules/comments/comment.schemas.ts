/** Request and response schemas of comments. */
import { nonBlank, objectIdSchema, pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';

export const COMMENT_MAX = 5000;

export const CommentInputSchema = z
  .strictObject({
    body: nonBlank(
      z
        .string()
        .trim()
        .min(1, 'body must not be empty')
        .max(COMMENT_MAX, `body must be at most ${COMMENT_MAX} characters`),
    ).meta({ example: 'Thank you so much!' }),
  })
  .meta({ id: 'CommentInput' });

export const CommentSchema = z
  .strictObject({
    id: z.string(),
    postId: z.string(),
    authorId: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Comment' });

export const CommentPageSchema = pageSchema(CommentSchema).meta({ id: 'CommentPage' });

export const CommentListQuerySchema = z.object({
  ...paginationShape({ sortable: ['createdAt'] as const, defaultSort: 'createdAt', maxLimit: 100 }),
});

export const CommentParamsSchema = z.object({ id: objectIdSchema('id'), commentId: objectIdSchema('commentId') });

export type CommentInput = z.output<typeof CommentInputSchema>;
export type Comment = z.output<typeof CommentSchema>;
export type CommentListQuery = z.output<typeof CommentListQuerySchema>;
export type CommentParams = z.output<typeof CommentParamsSchema>;
