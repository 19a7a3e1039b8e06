/** The notes feature, as the rest of the project sees it: the store, the rules, the routes and their docs. */
export { demoNotes } from './demo-notes.js';
export { InsufficientStorageError } from './note.errors.js';
export { registerNotePaths } from './note.openapi.js';
export { InMemoryNoteRepository, type NoteRepository } from './note.repository.js';
export { noteRoutes } from './note.routes.js';
export { NoteInputSchema, type Note, type NoteInput } from './note.schemas.js';
export { NoteService } from './note.service.js';
