import { Router } from 'express';
import { describeNodes } from '../../nodes/describe-nodes.js';
import type { NodeRegistry } from '../../nodes/registry.js';

/** `GET /api/node-types`: every node type with its ports and its config as JSON Schema. */
export function nodeTypesRouter(registry: NodeRegistry): Router {
  const router = Router();
  const catalog = describeNodes([...registry.values()]);
  router.get('/', (_req, res) => {
    res.json({ items: catalog });
  });
  return router;
}
