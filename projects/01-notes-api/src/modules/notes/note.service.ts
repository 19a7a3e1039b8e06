/** The rules of notes: ids, timestamps, the store's capacity. Knows nothing of HTTP. */
import { randomUUID } from 'node:crypto';
import { NotFoundError, pageOffset, toPage, type Page } from '@roadmap/core';
import { InsufficientStorageError } from './note.errors.js';
import type { NoteRepository } from './note.repository.js';
import type { Note, NoteInput, NoteListQuery, NotePatch } from './note.schemas.js';

export interface NoteServiceOptions {
  repository: NoteRepository;
  /** Refuse new notes beyond this many (the store is memory). */
  maxNotes: number;
  now?: () => Date;
  newId?: () => string;
}

export class NoteService {
  private readonly repository: NoteRepository;
  private readonly maxNotes: number;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor({ repository, maxNotes, now = () => new Date(), newId = randomUUID }: NoteServiceOptions) {
    this.repository = repository;
    this.maxNotes = maxNotes;
    this.now = now;
    this.newId = newId;
  }

  async create(input: NoteInput): Promise<Note> {
    if ((await this.repository.count()) >= this.maxNotes) throw new InsufficientStorageError(this.maxNotes);
    const timestamp = this.now().toISOString();
    const note: Note = { id: this.newId(), ...input, createdAt: timestamp, updatedAt: timestamp };
    await this.repository.insert(note);
    return note;
  }

  async get(id: string): Promise<Note> {
    const note = await this.repository.findById(id);
    if (!note) throw new NotFoundError(`Note ${id} does not exist.`);
    return note;
  }

  async list(query: NoteListQuery): Promise<Page<Note>> {
    const { items, total } = await this.repository.list({
      filter: { text: query.q, tag: query.tag, pinned: query.pinned },
      sort: query.sort,
      offset: pageOffset(query),
      limit: query.limit,
    });
    return toPage(items, query, total);
  }

  /** PUT: every field takes the sent value or its default; id and createdAt stay. */
  async replace(id: string, input: NoteInput): Promise<Note> {
    const current = await this.get(id);
    return this.save({ ...current, ...input });
  }

  /** PATCH: only the sent fields change. */
  async patch(id: string, patch: NotePatch): Promise<Note> {
    const current = await this.get(id);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    return this.save({ ...current, ...changes });
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repository.delete(id))) throw new NotFoundError(`Note ${id} does not exist.`);
  }

  private async save(note: Note): Promise<Note> {
    const updated: Note = { ...note, updatedAt: this.laterThan(note.updatedAt) };
    if (!(await this.repository.update(updated))) throw new NotFoundError(`Note ${note.id} does not exist.`);
    return updated;
  }

  /** updatedAt never goes backwards or stays equal, even if two writes share a millisecond. */
  private laterThan(previous: string): string {
    const now = this.now();
    const before = new Date(previous);
    return (now > before ? now : new Date(before.getTime() + 1)).toISOString();
  }
}
