/**
 * Where notes live. The service only knows this interface, so the in-memory store of Phase 1 could
 * be swapped for MongoDB or PostgreSQL without touching the rules or the HTTP layer.
 */
import type { SortSpec } from '@roadmap/core';
import type { Note } from './note.schemas.js';

export type NoteSortField = 'createdAt' | 'updatedAt' | 'title';

export interface NoteFilter {
  /** Case-insensitive substring of the title or the content. */
  text?: string;
  tag?: string;
  pinned?: boolean;
}

export interface NoteListRequest {
  filter: NoteFilter;
  sort: SortSpec<NoteSortField>;
  offset: number;
  limit: number;
}

export interface NoteRepository {
  count(): Promise<number>;
  insert(note: Note): Promise<void>;
  findById(id: string): Promise<Note | undefined>;
  /** Replaces the stored note with the same id; false if there is none. */
  update(note: Note): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  list(request: NoteListRequest): Promise<{ items: Note[]; total: number }>;
}

function matches(note: Note, { text, tag, pinned }: NoteFilter): boolean {
  if (pinned !== undefined && note.pinned !== pinned) return false;
  if (tag !== undefined && !note.tags.includes(tag)) return false;
  if (text !== undefined) {
    const needle = text.toLowerCase();
    if (!note.title.toLowerCase().includes(needle) && !note.content.toLowerCase().includes(needle)) return false;
  }
  return true;
}

function compareBy(sort: SortSpec<NoteSortField>): (a: Note, b: Note) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const primary =
      sort.field === 'title'
        ? a.title.localeCompare(b.title, 'en', { sensitivity: 'base' })
        : a[sort.field].localeCompare(b[sort.field]);
    // Ties break on id so paging is stable.
    return sign * (primary !== 0 ? primary : a.id.localeCompare(b.id));
  };
}

/** Notes in a Map, copied in and out so callers can never mutate stored state by reference. */
export class InMemoryNoteRepository implements NoteRepository {
  private readonly notes = new Map<string, Note>();

  async count(): Promise<number> {
    return this.notes.size;
  }

  async insert(note: Note): Promise<void> {
    if (this.notes.has(note.id)) throw new Error(`note ${note.id} already exists`);
    this.notes.set(note.id, structuredClone(note));
  }

  async findById(id: string): Promise<Note | undefined> {
    const note = this.notes.get(id);
    return note && structuredClone(note);
  }

  async update(note: Note): Promise<boolean> {
    if (!this.notes.has(note.id)) return false;
    this.notes.set(note.id, structuredClone(note));
    return true;
  }

  async delete(id: string): Promise<boolean> {
    return this.notes.delete(id);
  }

  async list({ filter, sort, offset, limit }: NoteListRequest): Promise<{ items: Note[]; total: number }> {
    const found = [...this.notes.values()].filter((note) => matches(note, filter)).sort(compareBy(sort));
    return { items: found.slice(offset, offset + limit).map((note) => structuredClone(note)), total: found.length };
  }
}
