import { NotFoundError } from '@roadmap/core';
import { createTestClock } from '@roadmap/testing';
import { InMemoryNoteRepository } from './note.repository.js';
import { NoteInputSchema, NoteListQuerySchema } from './note.schemas.js';
import { InsufficientStorageError } from './note.errors.js';
import { NoteService } from './note.service.js';

function setup(maxNotes = 100) {
  const clock = createTestClock(new Date('2026-03-01T10:00:00.000Z'));
  const service = new NoteService({ repository: new InMemoryNoteRepository(), maxNotes, now: clock.now });
  return { service, clock };
}

const input = (fields: Record<string, unknown> = {}) => NoteInputSchema.parse({ title: 'Title', ...fields });

describe('NoteService', () => {
  it('creates a note with an id and equal created/updated timestamps from the clock', async () => {
    const { service } = setup();

    const note = await service.create(input({ tags: ['A', 'a', ' b '] }));

    expect(note.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(note.createdAt).toBe('2026-03-01T10:00:00.000Z');
    expect(note.updatedAt).toBe(note.createdAt);
    expect(note.tags).toEqual(['a', 'b']);
  });

  it('refuses new notes once the store holds the maximum', async () => {
    const { service } = setup(2);
    await service.create(input());
    await service.create(input());

    await expect(service.create(input())).rejects.toBeInstanceOf(InsufficientStorageError);
  });

  it('replaces every field on PUT, resetting omitted optional fields to defaults, and keeps createdAt', async () => {
    const { service, clock } = setup();
    const created = await service.create(input({ content: 'old', tags: ['x'], pinned: true }));
    clock.advance(1000);

    const replaced = await service.replace(created.id, input({ title: 'New' }));

    expect(replaced).toEqual({
      ...created,
      title: 'New',
      content: '',
      tags: [],
      pinned: false,
      updatedAt: '2026-03-01T10:00:01.000Z',
    });
  });

  it('changes only the sent fields on PATCH', async () => {
    const { service, clock } = setup();
    const created = await service.create(input({ content: 'keep me' }));
    clock.advance(5);

    const patched = await service.patch(created.id, { pinned: true });

    expect(patched.content).toBe('keep me');
    expect(patched.pinned).toBe(true);
    expect(patched.updatedAt > created.updatedAt).toBe(true);
  });

  it('moves updatedAt forward even when the clock has not moved', async () => {
    const { service } = setup();
    const created = await service.create(input());

    const patched = await service.patch(created.id, { title: 'Again' });

    expect(new Date(patched.updatedAt).getTime()).toBe(new Date(created.updatedAt).getTime() + 1);
  });

  it('throws NotFoundError for an unknown id on get, replace, patch and delete', async () => {
    const { service } = setup();
    const id = crypto.randomUUID();

    await expect(service.get(id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.replace(id, input())).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.patch(id, { pinned: true })).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.delete(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists with the page envelope', async () => {
    const { service, clock } = setup();
    for (let i = 0; i < 5; i += 1) {
      await service.create(input({ title: `n${i}` }));
      clock.advance(1);
    }

    const page = await service.list(NoteListQuerySchema.parse({ page: '2', limit: '2' }));

    expect(page).toMatchObject({ page: 2, limit: 2, total: 5, totalPages: 3 });
    expect(page.data.map((n) => n.title)).toEqual(['n2', 'n1']);
  });
});

describe('note schemas', () => {
  it('trims the title and rejects one that is blank after trimming', () => {
    expect(NoteInputSchema.parse({ title: '  Hi  ' }).title).toBe('Hi');
    expect(NoteInputSchema.safeParse({ title: '   ' }).success).toBe(false);
  });

  it('enforces the length limits on title, content, tag count and tag length', () => {
    expect(NoteInputSchema.safeParse({ title: 'x'.repeat(200) }).success).toBe(true);
    expect(NoteInputSchema.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);
    expect(NoteInputSchema.safeParse({ title: 't', content: 'x'.repeat(10_001) }).success).toBe(false);
    expect(NoteInputSchema.safeParse({ title: 't', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }).success).toBe(
      false,
    );
    expect(NoteInputSchema.safeParse({ title: 't', tags: ['x'.repeat(31)] }).success).toBe(false);
  });

  it('rejects unknown fields instead of silently dropping them', () => {
    expect(NoteInputSchema.safeParse({ title: 't', colour: 'red' }).success).toBe(false);
  });
});
