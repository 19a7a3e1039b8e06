import { defineFactory } from '@roadmap/testing';
import type { Note } from './note.schemas.js';
import { InMemoryNoteRepository } from './note.repository.js';

const notes = defineFactory<Note>(() => ({
  id: crypto.randomUUID(),
  title: 'A note',
  content: '',
  tags: [],
  pinned: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}));
const note = notes.build;

const byCreatedDesc = { field: 'createdAt', direction: 'desc' } as const;

describe('InMemoryNoteRepository', () => {
  it('returns copies, so changing a returned note does not change the stored one', async () => {
    const repository = new InMemoryNoteRepository();
    const stored = note({ tags: ['a'] });
    await repository.insert(stored);

    const found = await repository.findById(stored.id);
    found?.tags.push('mutated');

    expect((await repository.findById(stored.id))?.tags).toEqual(['a']);
  });

  it('refuses to insert a second note with the same id', async () => {
    const repository = new InMemoryNoteRepository();
    const stored = note();
    await repository.insert(stored);

    await expect(repository.insert({ ...stored })).rejects.toThrow('already exists');
  });

  it('reports false when updating or deleting a note that does not exist', async () => {
    const repository = new InMemoryNoteRepository();

    expect(await repository.update(note())).toBe(false);
    expect(await repository.delete(crypto.randomUUID())).toBe(false);
  });

  it('matches text case-insensitively in title or content', async () => {
    const repository = new InMemoryNoteRepository();
    await repository.insert(note({ title: 'Express Routing' }));
    await repository.insert(note({ content: 'about express middleware' }));
    await repository.insert(note({ title: 'Groceries' }));

    const { items, total } = await repository.list({
      filter: { text: 'EXPRESS' },
      sort: byCreatedDesc,
      offset: 0,
      limit: 10,
    });

    expect(total).toBe(2);
    expect(items).toHaveLength(2);
  });

  it('combines tag and pinned filters', async () => {
    const repository = new InMemoryNoteRepository();
    await repository.insert(note({ title: 'pinned work', tags: ['work'], pinned: true }));
    await repository.insert(note({ title: 'unpinned work', tags: ['work'] }));
    await repository.insert(note({ title: 'pinned home', tags: ['home'], pinned: true }));

    const { items } = await repository.list({
      filter: { tag: 'work', pinned: true },
      sort: byCreatedDesc,
      offset: 0,
      limit: 10,
    });

    expect(items.map((n) => n.title)).toEqual(['pinned work']);
  });

  it('sorts titles case-insensitively and pages with a stable order', async () => {
    const repository = new InMemoryNoteRepository();
    for (const title of ['banana', 'Apple', 'cherry', 'apple']) await repository.insert(note({ title }));

    const first = await repository.list({
      filter: {},
      sort: { field: 'title', direction: 'asc' },
      offset: 0,
      limit: 2,
    });
    const second = await repository.list({
      filter: {},
      sort: { field: 'title', direction: 'asc' },
      offset: 2,
      limit: 2,
    });

    expect(first.items.map((n) => n.title.toLowerCase())).toEqual(['apple', 'apple']);
    expect(second.items.map((n) => n.title)).toEqual(['banana', 'cherry']);
    expect(first.total).toBe(4);
  });
});
