import { HttpError } from '@roadmap/core';
import {
  allowedActions,
  canTransition,
  POST_ACTIONS,
  POST_STATUSES,
  transition,
  type PostStatus,
} from './post.status.js';

describe('the post state machine', () => {
  it.each([
    ['draft', 'submit', 'pending_review'],
    ['rejected', 'submit', 'pending_review'],
    ['pending_review', 'withdraw', 'draft'],
    ['pending_review', 'approve', 'published'],
    ['pending_review', 'reject', 'rejected'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  const legal = new Set([
    'draft:submit',
    'rejected:submit',
    'pending_review:withdraw',
    'pending_review:approve',
    'pending_review:reject',
  ]);
  const illegal = POST_STATUSES.flatMap((from) => POST_ACTIONS.map((action) => [from, action] as const)).filter(
    ([from, action]) => !legal.has(`${from}:${action}`),
  );

  it.each(illegal)('refuses %s --%s--> with a 409', (from, action) => {
    expect(canTransition(from, action)).toBe(false);
    try {
      transition(from, action);
      throw new Error('expected a conflict');
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).status).toBe(409);
      expect((err as HttpError).extensions).toMatchObject({ postStatus: from, action });
    }
  });

  it('never publishes except by approving a pending post', () => {
    for (const from of POST_STATUSES) {
      for (const action of POST_ACTIONS) {
        if (!canTransition(from, action)) continue;
        if (transition(from, action) === 'published') expect([from, action]).toEqual(['pending_review', 'approve']);
      }
    }
  });

  it('lists the allowed actions per status', () => {
    const table: Record<PostStatus, string[]> = {
      draft: ['submit'],
      pending_review: ['withdraw', 'approve', 'reject'],
      published: [],
      rejected: ['submit'],
    };
    for (const status of POST_STATUSES) expect(allowedActions(status)).toEqual(table[status]);
  });
});
