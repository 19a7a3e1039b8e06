/** Serves stored cover images by their random name, with a content type from the checked extension. */
import { NotFoundError, validate } from '@roadmap/core';
import { Router } from 'express';
import { z } from 'zod';
import { mimeForExtension } from './image-type.js';
import { STORED_NAME_PATTERN, type UploadStorage } from './upload.storage.js';

/** Where stored images are served; a post's cover URL points here. */
export const UPLOADS_PATH = '/uploads';

/** The image's stored name; any text, so that a name not stored is a 404, but checked as all text is. */
export const UploadParamsSchema = z.object({ name: z.string() });

/** The public path of a stored image, or null for none. */
export function imageUrl(name: string | null | undefined): string | null {
  return name ? `${UPLOADS_PATH}/${name}` : null;
}

export function uploadRoutes(storage: UploadStorage): Router {
  const router = Router();
  router.get('/:name', validate({ params: UploadParamsSchema }), (req, res, next) => {
    const { name } = req.params;
    const mime = STORED_NAME_PATTERN.test(name) ? mimeForExtension(name.split('.')[1] ?? '') : undefined;
    if (!mime) throw new NotFoundError('No such image.');
    res.sendFile(
      name,
      {
        root: storage.dir,
        dotfiles: 'deny',
        headers: {
          'Content-Type': mime,
          'X-Content-Type-Options': 'nosniff',
          'Content-Disposition': 'inline',
          'Cache-Control': 'public, max-age=31536000, immutable',
          'Content-Security-Policy': "default-src 'none'; sandbox",
        },
      },
      (err) => {
        if (err) next('status' in err && err.status === 404 ? new NotFoundError('No such image.') : err);
      },
    );
  });
  return router;
}
