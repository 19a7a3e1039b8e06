/** Paths of the notes API and their middleware chains: validation first, then the controller. */
import { validate } from '@roadmap/core';
import { Router } from 'express';
import { createNoteController } from './note.controller.js';
import { NoteIdParamsSchema, NoteInputSchema, NoteListQuerySchema, NotePatchSchema } from './note.schemas.js';
import type { NoteService } from './note.service.js';

export function noteRoutes(service: NoteService): Router {
  const controller = createNoteController(service);
  const router = Router();
  router.post('/', validate({ body: NoteInputSchema }), controller.create);
  router.get('/', validate({ query: NoteListQuerySchema }), controller.list);
  router.get('/:id', validate({ params: NoteIdParamsSchema }), controller.get);
  router.put('/:id', validate({ params: NoteIdParamsSchema, body: NoteInputSchema }), controller.replace);
  router.patch('/:id', validate({ params: NoteIdParamsSchema, body: NotePatchSchema }), controller.patch);
  router.delete('/:id', validate({ params: NoteIdParamsSchema }), controller.delete);
  return router;
}
