/** The JSON Web Key Set at /.well-known/jwks.json: the public keys other services verify tokens with. */
import type { AccessTokenIssuer } from '@roadmap/auth';
import { Router } from 'express';

export const JWKS_PATH = '/.well-known/jwks.json';

export function keyRoutes(issuer: Pick<AccessTokenIssuer, 'jwks'>): Router {
  const router = Router();
  router.get(JWKS_PATH, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(issuer.jwks());
  });
  return router;
}
