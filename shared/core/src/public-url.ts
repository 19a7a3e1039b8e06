/**
 * Where a client reached this app, for every URL the app gives out in answer to a request: Location
 * headers, links in bodies, the OpenAPI `servers`, the admin page's configuration. Behind the edge
 * proxy an app is served under a path prefix (X-Forwarded-Prefix, e.g. /blog) on the proxy's origin
 * (X-Forwarded-Proto, X-Forwarded-Host). Those headers are believed only when the peer that sent them
 * is a trusted proxy, the rule Express applies to the client address and protocol (`trust proxy`, from
 * TRUST_PROXY): a client talking to the app directly cannot rewrite its links. An answer that read
 * them names them in `Vary`, so a cache in front never serves one client's links to another.
 *
 * Links made without a request (in emails) cannot know any of this: they use a configured base URL
 * (PUBLIC_URL, PAYMENTS_PUBLIC_URL).
 */
import type { Request, Response } from 'express';

/** What these functions read of a request: any Express request, whatever its params and query. */
export type PublicRequest = Pick<Request, 'app' | 'socket' | 'protocol' | 'host'> & {
  get(name: string): string | undefined;
};

// A path prefix such as /blog or /apps/blog: nothing a browser would read as another origin.
const PREFIX_PATTERN = /^(\/[A-Za-z0-9._~-]+)+$/;

/** True when the peer that sent `req` is a trusted proxy (Express's compiled `trust proxy`). */
export function fromTrustedProxy(req: PublicRequest): boolean {
  const trust: unknown = req.app.get('trust proxy fn');
  return typeof trust === 'function' && trust(req.socket.remoteAddress, 0) === true;
}

/**
 * The edge's path prefix of this request: '' when it came directly, from an untrusted peer, or with
 * a prefix that is not a plain path.
 */
export function publicPrefix(req: PublicRequest, res: Response): string {
  if (!fromTrustedProxy(req)) return '';
  res.vary('X-Forwarded-Prefix');
  const prefix = req.get('x-forwarded-prefix');
  return prefix !== undefined && PREFIX_PATTERN.test(prefix) ? prefix : '';
}

/** `path` (e.g. /api/v1/notes/42) as this client reaches it: /notes/api/v1/notes/42 through the edge. */
export function publicPath(req: PublicRequest, res: Response, path: string): string {
  return `${publicPrefix(req, res)}${path}`;
}

/** The scheme and host this client used (the proxy's, through a trusted proxy). */
export function publicOrigin(req: PublicRequest, res: Response): string {
  if (fromTrustedProxy(req)) res.vary('X-Forwarded-Proto').vary('X-Forwarded-Host');
  return `${req.protocol}://${req.host}`;
}

/** `path` as an absolute URL this client can follow, e.g. http://localhost:8080/blog/uploads/x.jpg. */
export function publicUrl(req: PublicRequest, res: Response, path: string): string {
  return `${publicOrigin(req, res)}${publicPath(req, res, path)}`;
}

/** Another app of the system, as the edge serves it and as it is reached on its own. */
export interface SiblingApp {
  /** Its path on the edge, beside this app's prefix, e.g. /auth. */
  edgePath: string;
  /** Its own URL, for clients that reached this app directly, e.g. http://localhost:3003. */
  directUrl: string;
}

/**
 * `path` of a sibling app: beside this one on the edge's origin when this request came through the
 * edge (`/auth/api/v1/auth`, same origin), else at the sibling's own URL (absolute).
 */
export function siblingPath(req: PublicRequest, res: Response, sibling: SiblingApp, path: string): string {
  return publicPrefix(req, res) === ''
    ? `${sibling.directUrl.replace(/\/$/, '')}${path}`
    : `${sibling.edgePath}${path}`;
}

/** Like siblingPath, always absolute (for API clients that are not a page on the edge's origin). */
export function siblingUrl(req: PublicRequest, res: Response, sibling: SiblingApp, path: string): string {
  const link = siblingPath(req, res, sibling, path);
  return link.startsWith('/') ? `${publicOrigin(req, res)}${link}` : link;
}
