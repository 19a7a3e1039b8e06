import { canDeleteComment, isSelfNotification } from './comment.policy.js';

const post = { authorId: 'author' };
const byStranger = { authorId: 'stranger' };

describe('canDeleteComment', () => {
  it("lets the post's author, the comment's author or an admin delete a comment, nobody else", () => {
    const author = { id: 'author', role: 'user' as const };
    const stranger = { id: 'stranger', role: 'user' as const };
    const admin = { id: 'admin', role: 'admin' as const };
    const reader = { id: 'reader', role: 'user' as const };

    expect(canDeleteComment(author, byStranger, post)).toBe(true);
    expect(canDeleteComment(stranger, byStranger, post)).toBe(true);
    expect(canDeleteComment(admin, byStranger, post)).toBe(true);
    expect(canDeleteComment(reader, byStranger, post)).toBe(false);
    expect(canDeleteComment(undefined, byStranger, post)).toBe(false);
  });
});

describe('isSelfNotification', () => {
  it('never notifies the commenter about their own comment', () => {
    const own = { authorId: 'u1', authorEmail: 'Ann@example.com' };

    expect(isSelfNotification(own, { id: 'u1' })).toBe(true);
    expect(isSelfNotification(own, { id: 'u2', email: 'ann@EXAMPLE.com' })).toBe(true);
    expect(isSelfNotification(own, { id: 'u2', email: 'bob@example.com' })).toBe(false);
    expect(isSelfNotification({ authorId: 'u1', authorEmail: null }, { id: 'u2' })).toBe(false);
  });
});
