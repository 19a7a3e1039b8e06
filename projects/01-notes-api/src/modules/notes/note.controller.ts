/** HTTP <-> NoteService: read the validated request, call the service, answer. */
import { publicPath, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { NoteService } from './note.service.js';
import type { NoteIdParams, NoteInput, NoteListQuery, NotePatch } from './note.schemas.js';

export function createNoteController(service: NoteService) {
  return {
    async create(req: Request<NoParams, unknown, NoteInput>, res: Response) {
      const note = await service.create(req.body);
      res
        .status(201)
        .location(publicPath(req, res, `${req.baseUrl}/${note.id}`))
        .json(note);
    },
    async list(req: Request<NoParams, unknown, unknown, NoteListQuery>, res: Response) {
      res.json(await service.list(req.query));
    },
    async get(req: Request<NoteIdParams>, res: Response) {
      res.json(await service.get(req.params.id));
    },
    async replace(req: Request<NoteIdParams, unknown, NoteInput>, res: Response) {
      res.json(await service.replace(req.params.id, req.body));
    },
    async patch(req: Request<NoteIdParams, unknown, NotePatch>, res: Response) {
      res.json(await service.patch(req.params.id, req.body));
    },
    async delete(req: Request<NoteIdParams>, res: Response) {
      await service.delete(req.params.id);
      res.status(204).end();
    },
  };
}
