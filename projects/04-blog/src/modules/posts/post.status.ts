/**
 * The post workflow as an explicit state machine. Every status change goes through `transition`;
 * anything not listed here is illegal (a 409).
 *
 *   draft --submit--> pending_review --approve--> published
 *                     pending_review --reject---> rejected --submit--> pending_review
 *                     pending_review --withdraw-> draft
 */
import { ConflictError, defineStateMachine } from '@roadmap/core';

export const POST_STATUSES = ['draft', 'pending_review', 'published', 'rejected'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const POST_ACTIONS = ['submit', 'withdraw', 'approve', 'reject'] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

/** Who may take an action: the post's author, or an admin who is not its author. */
export type Actor = 'author' | 'reviewer';

/** Each action is the one move into its status, always taken by the same actor (see post.policy.ts). */
export const ACTIONS: Record<PostAction, { to: PostStatus; by: Actor }> = {
  submit: { to: 'pending_review', by: 'author' },
  withdraw: { to: 'draft', by: 'author' },
  approve: { to: 'published', by: 'reviewer' },
  reject: { to: 'rejected', by: 'reviewer' },
};

const posts = defineStateMachine<PostStatus>({
  transitions: {
    draft: ['pending_review'],
    pending_review: ['draft', 'published', 'rejected'],
    published: [],
    rejected: ['pending_review'],
  },
});

/** Statuses in which the author may change the content. */
export const EDITABLE_STATUSES: readonly PostStatus[] = ['draft', 'rejected'];

/** A 409 naming the status when the author may not change the content in it. */
export function assertEditable(status: PostStatus): void {
  if (!EDITABLE_STATUSES.includes(status)) {
    throw new ConflictError(`A post that is ${status} cannot be edited; only drafts and rejected posts can.`, {
      extensions: { postStatus: status },
    });
  }
}

export function canTransition(from: PostStatus, action: PostAction): boolean {
  return posts.canMove(from, ACTIONS[action].to);
}

/** The status after `action`, or a 409 naming the allowed actions when it is illegal from `from`. */
export function transition(from: PostStatus, action: PostAction): PostStatus {
  const { to } = ACTIONS[action];
  // The machine knows moves, not their names: the refusal names the action the client asked for.
  if (!posts.canMove(from, to)) {
    throw new ConflictError(`A post that is ${from} cannot be ${pastTense(action)}.`, {
      extensions: { postStatus: from, action, allowedActions: allowedActions(from) },
    });
  }
  return to;
}

export function allowedActions(from: PostStatus): PostAction[] {
  return POST_ACTIONS.filter((action) => canTransition(from, action));
}

function pastTense(action: PostAction): string {
  return { submit: 'submitted', withdraw: 'withdrawn', approve: 'approved', reject: 'rejected' }[action];
}
