/**
 * The RealWorld (Conduit) request and response shapes, as its spec writes them; types are inferred
 * from them. Article fields reuse the blog's own post rules (title, body, tags).
 */
import {
  BIO_MAX_LENGTH,
  NewPasswordSchema,
  PasswordAttemptSchema,
  PROFILE_IMAGE_MAX_LENGTH,
  PROFILE_IMAGE_PATTERN,
  UsernameSchema,
} from '@roadmap/auth';
import { emailAddress, nonBlank, queryInteger } from '@roadmap/core';
import { z } from 'zod';
import { PostInputSchema } from '../posts/index.js';

// Accounts live in the auth service: its rules, stated here too, so that a request this document calls
// valid is not refused there.
const email = emailAddress('is invalid');
const username = UsernameSchema;
/** `""` and null both clear a bio or an image, as RealWorld clients send them. */
const clearable = (schema: z.ZodString) => schema.nullable().transform((value) => (value === '' ? null : value));
const bio = clearable(z.string().trim().max(BIO_MAX_LENGTH)).meta({ example: 'I work at statefarm' });
const image = clearable(
  z.string().trim().max(PROFILE_IMAGE_MAX_LENGTH).regex(new RegExp(PROFILE_IMAGE_PATTERN), 'must be an http(s) URL'),
).meta({ example: 'https://api.realworld.io/images/smiley-cyrus.jpg' });
const description = z.string().trim().max(500, 'must be at most 500 characters').meta({
  example: 'Ever wonder how?',
});

export const RegisterRequestSchema = z
  .object({ user: z.object({ username, email, password: NewPasswordSchema }) })
  .meta({
    id: 'RealWorldRegisterRequest',
    example: { user: { username: 'jacob', email: 'jake@jake.jake', password: 'jakejakejake' } },
  });

export const LoginRequestSchema = z
  .object({ user: z.object({ email, password: PasswordAttemptSchema }) })
  .meta({ id: 'RealWorldLoginRequest', example: { user: { email: 'jake@jake.jake', password: 'jakejakejake' } } });

export const UpdateUserRequestSchema = z
  .object({
    user: z.object({
      email: email.optional(),
      username: username.optional(),
      password: z
        .string()
        .max(0, 'cannot be changed here; change it on the auth service with your current one')
        .nullable()
        .optional()
        .meta({
          description:
            'RealWorld clients may send it empty; a new password needs the current one, on the auth service.',
        }),
      bio: bio.optional(),
      image: image.optional(),
    }),
  })
  .meta({
    id: 'RealWorldUpdateUserRequest',
    example: {
      user: { email: 'jake@jake.jake', bio: 'I like to skateboard', image: 'https://i.stack.imgur.com/xHWG8.jpg' },
    },
  });

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
  .object({
    comment: z.object({
      body: nonBlank(z.string().trim().min(1, "can't be blank").max(5000)).meta({
        example: 'Thank you so much!',
      }),
    }),
  })
  .meta({ id: 'RealWorldNewCommentRequest' });

const limit = queryInteger({ min: 1, max: 100 }).default(20);
const offset = queryInteger({ min: 0, max: 100_000 }).default(0);

export const ArticleListQuerySchema = z.object({
  tag: nonBlank(z.string().trim().toLowerCase().min(1).max(30)).optional(),
  author: nonBlank(z.string().trim().min(1).max(40)).optional().meta({ description: 'Username of the author.' }),
  favorited: nonBlank(z.string().trim().min(1).max(40))
    .optional()
    .meta({ description: 'Username of a user who favorited.' }),
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
    tagList: z.array(z.string()).meta({ description: 'In alphabetical order.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    favorited: z.boolean(),
    favoritesCount: z.number().int(),
    author: ProfileSchema,
  })
  .meta({ id: 'RealWorldArticle' });
export const ArticleResponseSchema = z.object({ article: ArticleSchema }).meta({ id: 'RealWorldArticleResponse' });
/** An article in a list: everything but its body (RealWorld's list endpoints leave the body out). */
export const ArticleSummarySchema = ArticleSchema.omit({ body: true }).meta({ id: 'RealWorldArticleSummary' });
export const ArticleListResponseSchema = z
  .object({ articles: z.array(ArticleSummarySchema), articlesCount: z.number().int() })
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
export type ArticleSummary = z.output<typeof ArticleSummarySchema>;
export type RealWorldComment = z.output<typeof CommentSchema>;
