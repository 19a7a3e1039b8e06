/**
 * The post workflow as an explicit state machine. Every status change goes through `transition`;
 * anything not listed here is illegal (a 409).
 *
 *   draft --submit--> pending_review --approve--> published
 *                     pending_review --reject---> rejected --submit--> pending_review
 *                     pending_review --withdraw-> draft
 */
import { ConflictError } from '@roadmap/core';

export const POST_STATUSES = ['draft', 'pending_review', 'published', 'rejected'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const POST_ACTIONS = ['submit', 'withdraw', 'approve', 'reject'] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

/** Who may take an action: the post's author, or an admin who is not its author. */
export type Actor = 'author' | 'reviewer';

interface TransitionRule {
  from: readonly PostStatus[];
  to: PostStatus;
  by: Actor;
}

export const TRANSITIONS: Record<PostAction, TransitionRule> = {
  submit: { from: ['draft', 'rejected'], to: 'pending_review', by: 'author' },
  withdraw: { from: ['pending_review'], to: 'draft', by: 'author' },
  approve: { from: ['pending_review'], to: 'published', by: 'reviewer' },
  reject: { from: ['pending_review'], to: 'rejected', by: 'reviewer' },
};

/** Statuses in which the author may change the content. */
export const EDITABLE_STATUSES: readonly PostStatus[] = ['draft', 'rejected'];

export function canTransition(from: PostStatus, action: PostAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The status after `action`, or a 409 naming the allowed actions when it is illegal from `from`. */
export function transition(from: PostStatus, action: PostAction): PostStatus {
  if (!canTransition(from, action)) {
    throw new ConflictError(`A post that is ${from} cannot be ${pastTense(action)}.`, {
      extensions: { postStatus: from, action, allowedActions: allowedActions(from) },
    });
  }
  return TRANSITIONS[action].to;
}

export function allowedActions(from: PostStatus): PostAction[] {
  return POST_ACTIONS.filter((action) => canTransition(from, action));
}

function pastTense(action: PostAction): string {
  return { submit: 'submitted', withdraw: 'withdrawn', approve: 'approved', reject: 'rejected' }[action];
}
