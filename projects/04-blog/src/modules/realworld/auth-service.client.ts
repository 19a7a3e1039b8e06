/**
 * The auth service over HTTP, as the RealWorld mount needs it: register, login, the caller's account
 * (with the caller's own token) and public profiles. Every call has a bounded wait; an auth service
 * that is down, slow or failing is a 503, and its 4xx answers become the matching typed errors.
 */
import {
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
  type FieldError,
} from '@roadmap/core';
import { z } from 'zod';

const AccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  username: z.string().nullable().optional(),
  bio: z.string().nullable().optional(),
  image: z.string().nullable().optional(),
});
const ProfileSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  bio: z.string().nullable(),
  image: z.string().nullable(),
});
// The answers, built once (profilesByIds runs on every article list).
const UserAnswer = z.object({ user: AccountSchema });
const LoginAnswer = z.object({ accessToken: z.string(), user: AccountSchema });
const ProfileAnswer = z.object({ profile: ProfileSchema });
const ProfilesAnswer = z.object({ profiles: z.array(ProfileSchema) });
const ProblemSchema = z.object({
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  fields: z.array(z.string()).optional(),
  retryAfter: z.number().optional(),
});

export type AuthAccount = z.output<typeof AccountSchema>;
export type AuthProfile = z.output<typeof ProfileSchema>;

export interface AccountChanges {
  email?: string;
  username?: string;
  bio?: string | null;
  image?: string | null;
}

export interface AuthServiceClientOptions {
  /** The auth service's base URL, e.g. http://127.0.0.1:3003. */
  baseUrl: string;
  /** The longest wait for one call. */
  timeoutMs: number;
}

/** Who is asking, passed on so the auth service's per-address limits count the real client. */
export interface CallerAddress {
  forwardedFor?: string | undefined;
}

export class AuthServiceClient {
  private readonly baseUrl: string;

  constructor(private readonly options: AuthServiceClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
  }

  async register(
    input: { email: string; password: string; username: string },
    from: CallerAddress = {},
  ): Promise<AuthAccount> {
    const body = { ...input, name: input.username };
    const answer = await this.call('POST', '/api/v1/auth/register', { body, from });
    return UserAnswer.parse(answer).user;
  }

  /** The access token and the account it belongs to. */
  async login(
    input: { email: string; password: string },
    from: CallerAddress = {},
  ): Promise<{ token: string; account: AuthAccount }> {
    const answer = await this.call('POST', '/api/v1/auth/login', { body: input, from });
    const parsed = LoginAnswer.parse(answer);
    return { token: parsed.accessToken, account: parsed.user };
  }

  async me(token: string): Promise<AuthAccount> {
    const answer = await this.call('GET', '/api/v1/auth/me', { token });
    return UserAnswer.parse(answer).user;
  }

  async updateMe(token: string, changes: AccountChanges): Promise<AuthAccount> {
    const answer = await this.call('PATCH', '/api/v1/auth/me', { token, body: changes });
    return UserAnswer.parse(answer).user;
  }

  /** The profile, or null when nobody has this username. */
  async profileByUsername(username: string): Promise<AuthProfile | null> {
    try {
      const answer = await this.call('GET', `/api/v1/profiles/${encodeURIComponent(username)}`, {});
      return ProfileAnswer.parse(answer).profile;
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof ValidationError) return null;
      throw err;
    }
  }

  /** The profiles of these user ids that exist (at most 100 ids per call, so several calls for more). */
  async profilesByIds(ids: string[]): Promise<AuthProfile[]> {
    const unique = [...new Set(ids)].filter((id) => /^[a-f0-9]{24}$/i.test(id));
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += 100) batches.push(unique.slice(i, i + 100));
    const answers = await Promise.all(
      batches.map((batch) => this.call('GET', `/api/v1/profiles?ids=${batch.join(',')}`, {})),
    );
    return answers.flatMap((answer) => ProfilesAnswer.parse(answer).profiles);
  }

  private async call(
    method: string,
    path: string,
    { body, token, from }: { body?: unknown; token?: string; from?: CallerAddress },
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (from?.forwardedFor) headers['x-forwarded-for'] = from.forwardedFor;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      throw unavailable(err);
    }
    const json = parseJson(text);
    if (response.ok) return json;
    throw errorFrom(response.status, ProblemSchema.safeParse(json).data ?? {});
  }
}

function unavailable(cause?: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError('The auth service is unavailable; try again shortly.', {
    headers: { 'Retry-After': '2' },
    ...(cause === undefined ? {} : { cause }),
  });
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** The auth service's problem answer as the typed error this service throws. */
function errorFrom(status: number, problem: z.output<typeof ProblemSchema>): Error {
  const detail = problem.detail ?? 'The auth service refused the request.';
  if (status === 400 || status === 422) {
    const errors: FieldError[] = (problem.errors ?? []).map((error) => ({
      field: error.field.replace(/^body\./, ''),
      message: error.message,
    }));
    return new ValidationError(errors.length > 0 ? errors : [{ field: 'body', message: detail }]);
  }
  if (status === 409) {
    const fields = problem.fields ?? ['body'];
    return new ValidationError(fields.map((field) => ({ field, message: 'has already been taken' })));
  }
  if (status === 401) return new UnauthorizedError(detail);
  if (status === 403) return new ForbiddenError(detail);
  if (status === 404) return new NotFoundError(detail);
  if (status === 429) return new TooManyRequestsError(detail, problem.retryAfter ?? 60);
  return unavailable();
}
