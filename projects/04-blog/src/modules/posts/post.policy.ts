/**
 * Who may see and change a post. Pure functions of the caller and the post, so every rule has a
 * unit test; the service calls them and throws the matching HTTP error.
 */
import type { AuthUser } from '@roadmap/auth';
import { ACTIONS, type PostAction, type PostStatus } from './post.status.js';

export interface PostAccessView {
  authorId: string;
  status: PostStatus;
}

export type Caller = Pick<AuthUser, 'id' | 'role'> | undefined;

export function isAuthor(caller: Caller, post: PostAccessView): boolean {
  return caller !== undefined && caller.id === post.authorId;
}

export function isAdmin(caller: Caller): boolean {
  return caller?.role === 'admin';
}

/** Published posts are public; any other status only to its author and to admins. */
export function canView(caller: Caller, post: PostAccessView): boolean {
  return post.status === 'published' || isAuthor(caller, post) || isAdmin(caller);
}

/** Only the author edits the content (admins review, they do not rewrite). */
export function canEdit(caller: Caller, post: PostAccessView): boolean {
  return isAuthor(caller, post);
}

export function canDelete(caller: Caller, post: PostAccessView): boolean {
  return isAuthor(caller, post) || isAdmin(caller);
}

/**
 * Author actions (submit, withdraw) belong to the author; review actions (approve, reject) to an
 * admin who is NOT the author, so nobody ever publishes their own post.
 */
export function canAct(caller: Caller, post: PostAccessView, action: PostAction): boolean {
  if (ACTIONS[action].by === 'author') return isAuthor(caller, post);
  return isAdmin(caller) && !isAuthor(caller, post);
}
