/** The RealWorld mount's paths in the blog's OpenAPI document, from the same schemas that validate them. */
import {
  jsonBody,
  jsonResponse,
  problemResponses,
  registerBearerAuth,
  type OpenAPIRegistry,
  type ResponseConfig,
} from '@roadmap/core';
import {
  ArticleListQuerySchema,
  ArticleListResponseSchema,
  ArticleResponseSchema,
  CommentListResponseSchema,
  CommentParamsSchema,
  CommentResponseSchema,
  ErrorResponseSchema,
  FeedQuerySchema,
  LoginRequestSchema,
  NewArticleRequestSchema,
  NewCommentRequestSchema,
  ProfileResponseSchema,
  RegisterRequestSchema,
  SlugParamsSchema,
  TagListResponseSchema,
  UpdateArticleRequestSchema,
  UpdateUserRequestSchema,
  UserResponseSchema,
  UsernameParamsSchema,
} from './realworld.schemas.js';

const DESCRIPTIONS: Record<number, string> = {
  401: 'No token, or an invalid one.',
  403: 'Not yours to change.',
  404: 'No such resource.',
  409: 'The resource changed meanwhile or is not in a state that allows it.',
  413: 'The request body is too large.',
  422: 'Invalid fields, by name.',
  429: 'Too many attempts; slow down.',
};

/** RealWorld-shaped errors for the statuses given (and a malformed body, 422), plus 503 problem+json. */
function errors(...statuses: number[]): Record<number, ResponseConfig> {
  return {
    ...Object.fromEntries(
      [...new Set([...statuses, 404, 413, 422])].map((status) => [
        status,
        jsonResponse(DESCRIPTIONS[status] ?? 'Error.', ErrorResponseSchema),
      ]),
    ),
    ...problemResponses(503),
  };
}

export function registerRealWorldPaths(registry: OpenAPIRegistry, base: string): void {
  const security = [...registerBearerAuth(registry), { realWorldToken: [] }];
  registry.registerComponent('securitySchemes', 'realWorldToken', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'RealWorld clients send `Token <jwt>`: the same access token as Bearer.',
  });
  const tags = ['realworld'];
  const path = (
    method: 'get' | 'post' | 'put' | 'delete',
    route: string,
    summary: string,
    request: Record<string, unknown>,
    responses: Record<number, ResponseConfig>,
    secured = false,
  ) =>
    registry.registerPath({
      method,
      path: `${base}${route}`,
      tags,
      summary,
      ...(secured ? { security } : {}),
      request,
      responses,
    });
  const article = jsonResponse('The article.', ArticleResponseSchema);
  const profile = jsonResponse('The profile.', ProfileResponseSchema);
  const user = jsonResponse('The account, with its access token.', UserResponseSchema);
  const deleted = { description: 'Deleted.' };

  path(
    'post',
    '/users',
    'Register (on the auth service) and log in',
    { body: jsonBody(RegisterRequestSchema) },
    {
      201: user,
      ...errors(403, 429),
    },
  );
  path(
    'post',
    '/users/login',
    'Log in (on the auth service)',
    { body: jsonBody(LoginRequestSchema) },
    {
      200: user,
      ...errors(401, 403, 429),
    },
  );
  path('get', '/user', 'The current user', {}, { 200: user, ...errors(401) }, true);
  path(
    'put',
    '/user',
    'Change email, username, bio or image',
    { body: jsonBody(UpdateUserRequestSchema) },
    {
      200: user,
      ...errors(401),
    },
    true,
  );
  path('get', '/profiles/{username}', 'A profile', { params: UsernameParamsSchema }, { 200: profile, ...errors(401) });
  path(
    'post',
    '/profiles/{username}/follow',
    'Follow a user',
    { params: UsernameParamsSchema },
    {
      200: profile,
      ...errors(401),
    },
    true,
  );
  path(
    'delete',
    '/profiles/{username}/follow',
    'Unfollow a user',
    { params: UsernameParamsSchema },
    {
      200: profile,
      ...errors(401),
    },
    true,
  );
  path(
    'get',
    '/articles',
    'Published articles, newest first; by tag, author or who favorited',
    {
      query: ArticleListQuerySchema,
    },
    { 200: jsonResponse('A page of articles.', ArticleListResponseSchema), ...errors(401) },
  );
  path(
    'get',
    '/articles/feed',
    'Published articles of the authors you follow',
    { query: FeedQuerySchema },
    {
      200: jsonResponse('A page of articles.', ArticleListResponseSchema),
      ...errors(401),
    },
    true,
  );
  path(
    'post',
    '/articles',
    'Write an article (published at once, or sent to review)',
    {
      body: jsonBody(NewArticleRequestSchema),
    },
    { 201: article, ...errors(401, 409) },
    true,
  );
  path('get', '/articles/{slug}', 'An article', { params: SlugParamsSchema }, { 200: article, ...errors(401) });
  path(
    'put',
    '/articles/{slug}',
    'Change your article; the slug stays',
    {
      params: SlugParamsSchema,
      body: jsonBody(UpdateArticleRequestSchema),
    },
    { 200: article, ...errors(401, 403, 409) },
    true,
  );
  path(
    'delete',
    '/articles/{slug}',
    'Delete your article',
    { params: SlugParamsSchema },
    {
      204: deleted,
      ...errors(401, 403),
    },
    true,
  );
  path(
    'post',
    '/articles/{slug}/favorite',
    'Favorite an article',
    { params: SlugParamsSchema },
    {
      200: article,
      ...errors(401),
    },
    true,
  );
  path(
    'delete',
    '/articles/{slug}/favorite',
    'Unfavorite an article',
    { params: SlugParamsSchema },
    {
      200: article,
      ...errors(401),
    },
    true,
  );
  path(
    'get',
    '/articles/{slug}/comments',
    'Comments of an article, newest first',
    { params: SlugParamsSchema },
    {
      200: jsonResponse('The comments.', CommentListResponseSchema),
      ...errors(401),
    },
  );
  path(
    'post',
    '/articles/{slug}/comments',
    'Comment on a published article',
    {
      params: SlugParamsSchema,
      body: jsonBody(NewCommentRequestSchema),
    },
    { 201: jsonResponse('The comment.', CommentResponseSchema), ...errors(401, 409) },
    true,
  );
  path(
    'delete',
    '/articles/{slug}/comments/{id}',
    'Delete a comment',
    { params: CommentParamsSchema },
    {
      204: deleted,
      ...errors(401, 403),
    },
    true,
  );
  path('get', '/tags', 'Tags of published articles', {}, { 200: jsonResponse('The tags.', TagListResponseSchema) });
}
