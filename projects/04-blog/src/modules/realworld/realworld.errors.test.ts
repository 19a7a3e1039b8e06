import { ConflictError, ValidationError } from '@roadmap/core';
import { realWorldErrors, realWorldFieldName } from './realworld.errors.js';

describe('RealWorld error shape', () => {
  it('names a field without its request part and envelope', () => {
    expect(realWorldFieldName('body.user.email')).toBe('email');
    expect(realWorldFieldName('body.article.tagList.0')).toBe('tagList.0');
    expect(realWorldFieldName('query.limit')).toBe('limit');
    expect(realWorldFieldName('body')).toBe('body');
  });

  it('groups the messages of each field', () => {
    const error = new ValidationError([
      { field: 'body.user.email', message: 'is invalid' },
      { field: 'body.user.email', message: 'is too long' },
      { field: 'body.user.password', message: "can't be blank" },
    ]);

    expect(realWorldErrors(error)).toEqual({ email: ['is invalid', 'is too long'], password: ["can't be blank"] });
  });

  it('puts any other error under body', () => {
    expect(realWorldErrors(new ConflictError('Not now.'))).toEqual({ body: ['Not now.'] });
  });
});
