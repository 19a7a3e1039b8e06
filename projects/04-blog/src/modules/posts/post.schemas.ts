/** Request and response schemas of posts; the TypeScript types are inferred from them. */
import {
  fieldRule,
  nonBlank,
  objectIdSchema,
  pageSchema,
  paginationShape,
  queryDate,
  queryDateEnd,
  SLUG_PATTERN,
} from '@roadmap/core';
import { z } from 'zod';
import { POST_ACTIONS, POST_STATUSES } from './post.status.js';

export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;
export const EXCERPT_MAX = 500;
export const TAGS_MAX = 10;

const title = nonBlank(
  z.string().trim().min(1, 'title must not be empty').max(TITLE_MAX, `title must be at most ${TITLE_MAX} characters`),
).meta({ example: 'How to train your dragon' });
const body = z.string().max(BODY_MAX, `body must be at most ${BODY_MAX} characters`).meta({
  example: 'Very carefully. Start with **trust**.',
});
const excerpt = z
  .string()
  .trim()
  .max(EXCERPT_MAX, `excerpt must be at most ${EXCERPT_MAX} characters`)
  .meta({ example: 'Ever wonder how?' });
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,29}$/, 'a tag is 1-30 lower-case letters, digits or dashes')
  // Documented as sent: either case (tags are lower-cased first).
  .meta({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,29}$', example: 'dragons' });
const tags = z
  .array(tag)
  .max(TAGS_MAX, `at most ${TAGS_MAX} tags`)
  .transform((list) => [...new Set(list)]);
const categoryId = objectIdSchema('categoryId').nullable();

export const PostStatusSchema = z.enum(POST_STATUSES).meta({ id: 'PostStatus' });
export const PostActionSchema = z.enum(POST_ACTIONS).meta({ id: 'PostAction' });

export const PostInputSchema = z
  .strictObject({
    title,
    body: body.default(''),
    excerpt: excerpt.optional(),
    categoryId: categoryId.optional(),
    tags: tags.default([]),
  })
  .meta({ id: 'PostInput', description: 'A new post; it starts as a draft. `body` is markdown.' });

export const PostPatchSchema = z
  .strictObject({
    version: z.number().int().min(1).meta({ description: 'The version you read; a newer stored version is a 409.' }),
    title: title.optional(),
    body: body.optional(),
    excerpt: excerpt.optional(),
    categoryId: categoryId.optional(),
    tags: tags.optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), {
    message: 'send at least one field to change besides version',
  })
  // version and at least one field to change.
  .meta({
    id: 'PostPatch',
    description: 'Changes to a draft or rejected post. The slug never changes.',
    minProperties: 2,
  });

export const RejectInputSchema = z
  .strictObject({
    reason: nonBlank(z.string().trim().min(3, 'reason must be at least 3 characters').max(1000)).meta({
      example: 'Cite your sources, please.',
    }),
  })
  .meta({ id: 'RejectInput' });

const CategorySummarySchema = z
  .object({ id: z.string(), name: z.string(), slug: z.string() })
  .meta({ id: 'CategorySummary' });

const postFields = {
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  excerpt: z.string(),
  coverImageUrl: z.string().nullable(),
  category: CategorySummarySchema.nullable(),
  tags: z.array(z.string()),
  authorId: z.string(),
  status: PostStatusSchema,
  rejectionReason: z.string().nullable(),
  submittedAt: z.iso.datetime({ offset: true }).nullable(),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  commentCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
};

export const PostSummarySchema = z.strictObject(postFields).meta({ id: 'PostSummary' });
export const PostSchema = z
  .strictObject({
    ...postFields,
    body: z.string(),
    allowedActions: z.array(PostActionSchema).meta({ description: 'Status actions legal from the current status.' }),
  })
  .meta({ id: 'Post' });

export const POST_SORT_FIELDS = ['publishedAt', 'title', 'commentCount', 'createdAt'] as const;

export const PostListQuerySchema = z
  .object({
    q: nonBlank(z.string().trim().min(1).max(200))
      .optional()
      .meta({ description: 'Case-insensitive text in the title.' }),
    category: z.string().regex(SLUG_PATTERN, 'category must be a category slug').optional().meta({
      description: 'Category slug.',
    }),
    tag: tag.optional(),
    author: z.string().min(1).max(100).optional().meta({ description: 'Author user id.' }),
    status: PostStatusSchema.optional().meta({
      description: 'Admins only (others get 403). Without it the public list shows published posts.',
    }),
    from: queryDate.optional().meta({ description: 'publishedAt at or after (ISO date or date-time).' }),
    to: queryDateEnd.optional().meta({
      description:
        'publishedAt at or before (ISO date-time, or a date: up to the end of that day, UTC); not before from (422 otherwise).',
    }),
    ...paginationShape({ sortable: POST_SORT_FIELDS, defaultSort: '-publishedAt', maxLimit: 50 }),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    ...fieldRule('from must not be after to'),
    path: ['from'],
  });

export const MyPostsQuerySchema = z.object({
  status: PostStatusSchema.optional(),
  ...paginationShape({ sortable: ['createdAt', 'title'] as const, defaultSort: '-createdAt', maxLimit: 50 }),
});

export const ReviewQueueQuerySchema = z.object({
  ...paginationShape({ sortable: ['submittedAt'] as const, defaultSort: 'submittedAt', maxLimit: 50 }),
});

export const SlugParamsSchema = z.object({ slug: z.string().regex(SLUG_PATTERN, 'slug has an invalid format') });

export const PostPageSchema = pageSchema(PostSummarySchema).meta({ id: 'PostPage' });

export type PostInput = z.output<typeof PostInputSchema>;
export type PostPatch = z.output<typeof PostPatchSchema>;
export type RejectInput = z.output<typeof RejectInputSchema>;
export type Post = z.output<typeof PostSchema>;
export type PostSummary = z.output<typeof PostSummarySchema>;
export type PostListQuery = z.output<typeof PostListQuerySchema>;
export type MyPostsQuery = z.output<typeof MyPostsQuerySchema>;
export type ReviewQueueQuery = z.output<typeof ReviewQueueQuerySchema>;
