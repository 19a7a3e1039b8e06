/** Demo notes, so a newcomer sees a populated API at once. */
import type { NoteInput } from './note.schemas.js';

export const demoNotes: NoteInput[] = [
  {
    title: 'Week 1: Express routing',
    content: 'Routers, params, query strings. Try GET /api/v1/notes?tag=express&sort=title.',
    tags: ['express', 'roadmap'],
    pinned: true,
  },
  {
    title: 'Middleware order matters',
    content: 'Logger -> body parser -> validation -> controller -> 404 -> error handler.',
    tags: ['express', 'middleware'],
    pinned: false,
  },
  {
    title: 'Errors as problem+json',
    content: 'Throw a typed error; the one global handler answers RFC 9457 problem details.',
    tags: ['errors'],
    pinned: false,
  },
  {
    title: 'Shopping list',
    content: 'Coffee, oat milk, a rubber duck for debugging.',
    tags: ['personal'],
    pinned: false,
  },
];
