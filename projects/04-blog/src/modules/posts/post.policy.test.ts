import { canAct, canDelete, canEdit, canView } from './post.policy.js';
import { POST_STATUSES } from './post.status.js';

const author = { id: 'author', role: 'user' as const };
const stranger = { id: 'stranger', role: 'user' as const };
const admin = { id: 'admin', role: 'admin' as const };
const adminAuthor = { id: 'author', role: 'admin' as const };
const post = (status: (typeof POST_STATUSES)[number]) => ({ authorId: 'author', status });

describe('post permissions', () => {
  it('shows only published posts to anonymous callers and strangers', () => {
    for (const status of POST_STATUSES) {
      expect(canView(undefined, post(status))).toBe(status === 'published');
      expect(canView(stranger, post(status))).toBe(status === 'published');
      expect(canView(author, post(status))).toBe(true);
      expect(canView(admin, post(status))).toBe(true);
    }
  });

  it('lets only the author edit; the author or an admin delete', () => {
    expect(canEdit(author, post('draft'))).toBe(true);
    expect(canEdit(admin, post('draft'))).toBe(false);
    expect(canEdit(undefined, post('draft'))).toBe(false);
    expect(canDelete(author, post('published'))).toBe(true);
    expect(canDelete(admin, post('published'))).toBe(true);
    expect(canDelete(stranger, post('published'))).toBe(false);
  });

  it('gives submit and withdraw to the author only', () => {
    for (const action of ['submit', 'withdraw'] as const) {
      expect(canAct(author, post('draft'), action)).toBe(true);
      expect(canAct(admin, post('draft'), action)).toBe(false);
      expect(canAct(stranger, post('draft'), action)).toBe(false);
    }
  });

  it('never lets an author approve or reject their own post, even as admin', () => {
    for (const action of ['approve', 'reject'] as const) {
      expect(canAct(admin, post('pending_review'), action)).toBe(true);
      expect(canAct(author, post('pending_review'), action)).toBe(false);
      expect(canAct(adminAuthor, post('pending_review'), action)).toBe(false);
      expect(canAct(stranger, post('pending_review'), action)).toBe(false);
      expect(canAct(undefined, post('pending_review'), action)).toBe(false);
    }
  });
});
