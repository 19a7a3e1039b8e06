/**
 * Who may delete a comment: the post's author moderates the comments on their post, admins moderate
 * everywhere, and a commenter may take back their own comment.
 */
import { isAdmin, type Caller } from '../posts/index.js';

export function canDeleteComment(caller: Caller, comment: { authorId: string }, post: { authorId: string }): boolean {
  return caller !== undefined && (caller.id === comment.authorId || caller.id === post.authorId || isAdmin(caller));
}

/** True when a new-comment email would go to the commenter themselves. */
export function isSelfNotification(
  post: { authorId: string; authorEmail?: string | null },
  commenter: { id: string; email?: string | undefined },
): boolean {
  if (post.authorId === commenter.id) return true;
  return !!post.authorEmail && !!commenter.email && post.authorEmail.toLowerCase() === commenter.email.toLowerCase();
}
