import { Router } from 'express';
import { z } from 'zod';
import { parseQuery } from '../routes/request-input.js';
import type { ReadableAuditLog } from './audit-log.js';

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

/** `GET /api/audit?limit=&before=`: audit events newest first; `before` is the last id of the previous page. */
export function auditRouter(audit: ReadableAuditLog): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ events: await audit.list(parseQuery(auditQuery, req.query)) });
  });
  return router;
}
