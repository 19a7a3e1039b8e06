/** Theaters and their screens: admins create and change them; anyone reads them. */
import { ConflictError, mapPage, NotFoundError, type Page } from '@roadmap/core';
import type { TheaterRepository } from './theater.repository.js';
import type { Screen, ScreenInput, Theater, TheaterInput, TheaterListQuery, TheaterPatch } from './theater.schemas.js';
import { toScreen, toTheater } from './theater.view.js';

/** Told when a theater moves to another city, so what copied its city (its shows) follows. */
export interface TheaterMoves {
  theaterMoved(theaterId: string, city: string): Promise<void>;
}

export interface TheaterServiceDeps {
  theaters: TheaterRepository;
  moves: TheaterMoves;
}

export class TheaterService {
  constructor(private readonly deps: TheaterServiceDeps) {}

  async create(input: TheaterInput): Promise<Theater> {
    return toTheater(await this.deps.theaters.create(input));
  }

  async get(id: string): Promise<Theater> {
    const doc = await this.deps.theaters.findById(id);
    if (!doc) throw new NotFoundError(`Theater ${id} does not exist.`);
    return toTheater(doc);
  }

  /** The theater with this name in this city, if one exists (the seed keeps what is there). */
  async findByName(name: string, city: string): Promise<Theater | undefined> {
    const doc = await this.deps.theaters.findByName(name, city);
    return doc ? toTheater(doc) : undefined;
  }

  async update(id: string, patch: TheaterPatch): Promise<Theater> {
    const doc = await this.deps.theaters.update(id, patch);
    if (!doc) throw new NotFoundError(`Theater ${id} does not exist.`);
    if (patch.city !== undefined) await this.deps.moves.theaterMoved(id, doc.city);
    return toTheater(doc);
  }

  /** Adds a screen whose name is new in this theater. */
  async addScreen(id: string, input: ScreenInput): Promise<Screen> {
    const current = await this.deps.theaters.screenNames(id);
    if (!current) throw new NotFoundError(`Theater ${id} does not exist.`);
    if (current.names.includes(input.name)) {
      throw new ConflictError(`This theater already has a screen named "${input.name}".`);
    }
    const doc = await this.deps.theaters.addScreen(id, current.version, input);
    if (!doc) throw new ConflictError('The theater changed while the screen was being added; try again.');
    const screen = doc.screens.find((s) => s.name === input.name);
    if (!screen) throw new NotFoundError('The screen was not saved.');
    return toScreen(screen);
  }

  async list(query: TheaterListQuery): Promise<Page<Theater>> {
    return mapPage(await this.deps.theaters.page({ city: query.city }, query, query.sort), toTheater);
  }
}
