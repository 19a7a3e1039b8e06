import { describeFailure, messageIdDomainOf, messageIdFor } from './mail-delivery.js';

describe('Message-IDs', () => {
  it('come from the dedupe key, so a repeat of a message carries the same id', () => {
    expect(messageIdFor('comment:c1:ann@example.com', 'blog.local')).toBe(
      messageIdFor('comment:c1:ann@example.com', 'blog.local'),
    );
    expect(messageIdFor('comment:c1:ann@example.com', 'blog.local')).not.toBe(
      messageIdFor('comment:c2:ann@example.com', 'blog.local'),
    );
    expect(messageIdFor('k', 'blog.local')).toMatch(/^<[A-Za-z0-9_-]+@blog\.local>$/);
  });

  it('take their domain from the From address, with or without a display name', () => {
    expect(messageIdDomainOf('Blog <no-reply@blog.local>')).toBe('blog.local');
    expect(messageIdDomainOf('tickets@movie-booking.local')).toBe('movie-booking.local');
    expect(() => messageIdDomainOf('nobody')).toThrow(/no domain/);
  });
});

describe('describeFailure', () => {
  it('keeps the SMTP reply and code, without a stack', () => {
    const err = Object.assign(new Error('Message failed'), { code: 'EMESSAGE', response: '451 Try again later' });

    expect(describeFailure(err)).toBe('EMESSAGE: 451 Try again later');
  });
});
