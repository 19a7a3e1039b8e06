/**
 * The RealWorld (Conduit) request and response shapes, as its spec writes them; types are inferred
 * from them. Article fields reuse the blog's own post rules (title, body, tags).
 */
import { z } from 'zod';
import { PostInputSchema } from '../posts/index.js';

const email = z.string().trim().toLowerCase().max(254).pipe(z.email('is invalid'));
const password = z.string().min(1, "can't be blank").max(72);
const username = z.string().trim().min(1, "can't be blank").max(40);
/** `""` and null both clear a bio or an image, as RealWorld clients send them. */
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value === '' ? null : value));
const description = z.string().trim().max(500, 'must be at most 500 characters');

export const RegisterRequestSchema = z
  .object({ user: z.object({ username, email, password }) })
  .meta({ id: 'RealWorldRegisterRequest' });

export const LoginRequestSchema = z
  .object({ user: z.object({ email, password }) })
  .meta({ id: 'RealWorldLoginRequest' });

export const UpdateUserRequestSchema = z
  .object({
    user: z.object({
      email: email.optional(),
      username: username.optional(),
      password: z.string().max(72).nullable().optional(),
      bio: clearable(1000).optional(),
      image: clearable(500).optional(),
    }),
  })
  .meta({ id: 'RealWorldUpdateUserRequest' });

export const NewArticleRequestSchema = z
  .object({
    article: z.object({
      title: PostInputSchema.shape.title,
      description: description.default(''),
      body: PostInputSchema.shape.body,
      tagList: PostInputSchema.shape.tags,
    }),
  })
  .meta({ id: 'RealWorldNewArticleRequest' });

export const UpdateArticleRequestSchema = z
  .object({
    article: z.object({
      title: PostInputSchema.shape.title.optional(),
      description: description.optional(),
      body: PostInputSchema.shape.body.unwrap().optional(),
      tagList: PostInputSchema.shape.tags.unwrap().optional(),
    }),
  })
  .meta({ id: 'RealWorldUpdateArticleRequest' });

export const NewCommentRequestSchema = z
  .object({ comment: z.object({ body: z.string().trim().min(1, "can't be blank").max(5000) }) })
  .meta({ id: 'RealWorldNewCommentRequest' });

const limit = z.coerce.number().int().min(1).max(100).default(20);
const offset = z.coerce.number().int().min(0).max(100_000).default(0);

export const ArticleListQuerySchema = z.object({
  tag: z.string().trim().toLowerCase().min(1).max(30).optional(),
  author: z.string().trim().min(1).max(40).optional().meta({ description: 'Username of the author.' }),
  favorited: z.string().trim().min(1).max(40).optional().meta({ description: 'Username of a user who favorited.' }),
  limit,
  offset,
});
export const FeedQuerySchema = z.object({ limit, offset });

export const SlugParamsSchema = z.object({ slug: z.string().min(1).max(300) });
export const UsernameParamsSchema = z.object({ username: z.string().min(1).max(40) });
export const CommentParamsSchema = z.object({ slug: z.string().min(1).max(300), id: z.string().min(1).max(40) });

const timestamp = z.iso.datetime({ offset: true });

export const UserSchema = z
  .object({
    email: z.string(),
    token: z.string(),
    username: z.string(),
    bio: z.string().nullable(),
    image: z.string().nullable(),
  })
  .meta({ id: 'RealWorldUser' });
export const UserResponseSchema = z.object({ user: UserSchema }).meta({ id: 'RealWorldUserResponse' });

export const ProfileSchema = z
  .object({ username: z.string(), bio: z.string().nullable(), image: z.string().nullable(), following: z.boolean() })
  .meta({ id: 'RealWorldProfile' });
export const ProfileResponseSchema = z.object({ profile: ProfileSchema }).meta({ id: 'RealWorldProfileResponse' });

export const ArticleSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    body: z.string(),
    tagList: z.array(z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
    favorited: z.boolean(),
    favoritesCount: z.number().int(),
    author: ProfileSchema,
  })
  .meta({ id: 'RealWorldArticle' });
export const ArticleResponseSchema = z.object({ article: ArticleSchema }).meta({ id: 'RealWorldArticleResponse' });
export const ArticleListResponseSchema = z
  .object({ articles: z.array(ArticleSchema), articlesCount: z.number().int() })
  .meta({ id: 'RealWorldArticleList' });

export const CommentSchema = z
  .object({ id: z.string(), body: z.string(), createdAt: timestamp, updatedAt: timestamp, author: ProfileSchema })
  .meta({ id: 'RealWorldComment' });
export const CommentResponseSchema = z.object({ comment: CommentSchema }).meta({ id: 'RealWorldCommentResponse' });
export const CommentListResponseSchema = z
  .object({ comments: z.array(CommentSchema) })
  .meta({ id: 'RealWorldCommentList' });

export const TagListResponseSchema = z.object({ tags: z.array(z.string()) }).meta({ id: 'RealWorldTagList' });

export const ErrorResponseSchema = z
  .object({ errors: z.record(z.string(), z.array(z.string())) })
  .meta({ id: 'RealWorldErrors', description: 'What went wrong, by field: `{ errors: { email: ["is invalid"] } }`.' });

export type RegisterRequest = z.output<typeof RegisterRequestSchema>;
export type LoginRequest = z.output<typeof LoginRequestSchema>;
export type UpdateUserRequest = z.output<typeof UpdateUserRequestSchema>;
export type NewArticleRequest = z.output<typeof NewArticleRequestSchema>;
export type UpdateArticleRequest = z.output<typeof UpdateArticleRequestSchema>;
export type NewCommentRequest = z.output<typeof NewCommentRequestSchema>;
export type ArticleListQuery = z.output<typeof ArticleListQuerySchema>;
export type FeedQuery = z.output<typeof FeedQuerySchema>;
export type RealWorldUser = z.output<typeof UserSchema>;
export type RealWorldProfile = z.output<typeof ProfileSchema>;
export type Article = z.output<typeof ArticleSchema>;
export type RealWorldComment = z.output<typeof CommentSchema>;
