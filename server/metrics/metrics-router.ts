import express from 'express';
import type { Metrics } from './metrics.js';

/** `GET /api/metrics`: the metrics in Prometheus' text format (behind the API's authentication). */
export function metricsRouter(metrics: Metrics): express.Router {
  const router = express.Router();
  router.get('/', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
