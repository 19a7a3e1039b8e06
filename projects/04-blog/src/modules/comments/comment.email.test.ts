import { commentEmail, commentEmailKey } from './comment.email.js';

const notification = {
  commentId: 'c1',
  recipient: 'ann@example.com',
  postTitle: 'T',
  postUrl: 'http://x/p',
  commentBody: 'y'.repeat(600),
};

describe('the new-comment email', () => {
  it('is keyed by (comment, recipient), case-insensitively, so each author gets one email per comment', () => {
    expect(commentEmailKey('c1', 'Ann@Example.com')).toBe('comment:c1:ann@example.com');
    expect(commentEmail({ ...notification, recipient: 'ANN@example.com', postTitle: 'other' }).key).toBe(
      commentEmail(notification).key,
    );
  });

  it('is plain text with the link and a shortened comment', () => {
    const mail = commentEmail(notification);

    expect(mail).toMatchObject({ to: 'ann@example.com', subject: 'New comment on "T"' });
    expect(mail.text).toContain('http://x/p');
    expect(mail.text).toContain(`${'y'.repeat(500)}...`);
    expect(mail.text).not.toContain('y'.repeat(501));
  });

  it('keeps a multi-line title on one subject line', () => {
    const mail = commentEmail({ ...notification, postTitle: 'Line\r\nBcc: x@evil.test' });

    expect(mail.subject).toBe('New comment on "Line Bcc: x@evil.test"');
  });
});
