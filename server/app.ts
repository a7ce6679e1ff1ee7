import type { RequestListener } from 'node:http';
import express from 'express';
import type { NodeServices } from '../nodes/define-node.js';
import { createRegistry, type NodeRegistry } from '../nodes/registry.js';
import type { ReadableAuditLog } from './audit/audit-log.js';
import { accessRouter } from './auth/access-router.js';
import type { AuthStore } from './auth/auth-store.js';
import { expressionLimitsOf, type Config } from './config.js';
import { openVault, type CredentialVault } from './credentials/vault.js';
import { FlowError } from './errors.js';
import { errorMiddleware } from './http/error-middleware.js';
import { assignRequestId } from './http/request-id.js';
import { securityHeaders } from './http/security-headers.js';
import { sendError } from './http/send.js';
import type { Logger } from './logger.js';
import { credentialsRouter } from './routes/credentials.js';
import { executionsRouter, webhookResultRouter } from './routes/executions.js';
import { baseUrlOf } from './routes/flow-view.js';
import { flowsRouter } from './routes/flows.js';
import { editorRouter, findEditorDir } from './routes/editor.js';
import { renderHome } from './routes/home.js';
import { importExportRouter } from './routes/import-export.js';
import { nodeTypesRouter } from './routes/node-types.js';
import { createMetrics } from './metrics/metrics.js';
import { metricsRouter } from './metrics/metrics-router.js';
import { previewRouter } from './routes/preview.js';
import { samplesRouter } from './routes/samples.js';
import { ErrorFlows } from './runtime/error-flows.js';
import { ExecutionSlots } from './runtime/execution-slots.js';
import { Executor } from './runtime/executor.js';
import { recoverExecutions, type RecoveryReport } from './runtime/recovery.js';
import { ResumeLinks, resumePrefix } from './runtime/resume-links.js';
import { FlowRuntime } from './runtime/flow-runtime.js';
import { createOutbound } from './network/outbound.js';
import { createSharedServices } from './runtime/node-services.js';
import { SampleCatcher } from './runtime/sample-capture.js';
import type { Store } from './store/types.js';
import { expressTrustProxy } from './webhook/guards/client-address.js';
import { createResumeHandler } from './webhook/handle-resume.js';
import { createWebhookHandler } from './webhook/handle-webhook.js';

export interface AppOptions {
  config: Config;
  store: Store;
  logger: Logger;
  /** Accounts, sessions and API tokens: who may use `/api` (see server/auth/access-table.ts). */
  auth: AuthStore;
  audit: ReadableAuditLog;
  registry?: NodeRegistry;
  /** Replaces the SMTP mailer built from `config.smtpUrl`. */
  sendMail?: NodeServices['sendMail'];
}

export interface HookflowApp {
  /** The request listener to serve: webhooks go straight to their handler, the rest to Express. */
  listener: RequestListener;
  app: express.Express;
  runtime: FlowRuntime;
  executor: Executor;
  /** Holds the editor's requests waiting for a flow's next test call. */
  samples: SampleCatcher;
  /** The named credentials, sealed in `<dataDir>/credentials.json`. */
  credentials: CredentialVault;
  /** The address the server listens on, for URLs it hands out (resume URLs) when HOOKFLOW_PUBLIC_URL is unset. */
  setBaseUrl(base: string): void;
  /** Carries on with the executions the last run left unfinished (call once, at start). */
  recover(): Promise<RecoveryReport>;
  /** Releases what the app holds besides the store (pooled SMTP connections). */
  close(): void;
}

/**
 * Builds the Express application: webhooks, the REST API and the editor (or, when the editor
 * has not been built, a help page). It does not listen
 * and does not open the store; `main.ts` does both, tests inject their own.
 */
export function createApp(options: AppOptions): HookflowApp {
  const { config, store, logger } = options;
  const registry = options.registry ?? createRegistry();
  const credentials = openVault(config.dataDir, config.encryptionKey, (message, details) => logger.warn(details, message));
  const runtime = new FlowRuntime(store, registry, expressionLimitsOf(config), logger, credentials);
  const outbound = createOutbound(config);
  const services = createSharedServices(store.flows, { fetch: outbound.fetch, sendMail: options.sendMail ?? outbound.sendMail }, credentials);
  const links = new ResumeLinks(credentials.deriveKey('resume urls'));
  links.base = config.publicUrl ?? '';
  const executor = new Executor(store.executions, services, logger, config.executionTimeoutMs, links);
  const slots = new ExecutionSlots(config.executionLimits.maxRunning, config.executionLimits.maxQueued);
  const errorFlows = new ErrorFlows(runtime, executor, logger);
  executor.onFinished = (record) => errorFlows.handle(record);
  const samples = new SampleCatcher(store.flows, logger);
  const metrics = createMetrics();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', expressTrustProxy(config.trustProxy));
  app.use(securityHeaders(config.publicUrl));

  const webhookDeps = {
    runtime,
    executor,
    slots,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    publicUrl: config.publicUrl,
    onTestRequest: samples.catch,
    credentials,
    trustProxy: config.trustProxy,
    metrics,
  };
  const live = createWebhookHandler(webhookDeps, 'webhook');
  const test = createWebhookHandler(webhookDeps, 'test');
  const resume = createResumeHandler({ executor, links, logger, maxBodyBytes: config.maxBodyBytes });
  app.use('/webhook-result', webhookResultRouter(store.executions, executor));

  const api = express.Router();
  api.use(accessRouter({ auth: options.auth, audit: options.audit, publicUrl: config.publicUrl, logger }));
  api.use(express.json({ limit: '5mb' }));
  api.use('/flows', flowsRouter(runtime, config.publicUrl));
  api.use('/flows', samplesRouter(runtime, samples));
  api.use('/preview', previewRouter(runtime, config.executionTimeoutMs, logger));
  api.use('/executions', executionsRouter(store.executions, executor, runtime));
  api.use('/node-types', nodeTypesRouter(registry));
  api.use('/metrics', metricsRouter(metrics));
  api.use('/credentials', credentialsRouter(credentials, runtime));
  api.use(importExportRouter(runtime, config.publicUrl));
  app.use('/api', api);

  const editorDir = config.editorDir ?? findEditorDir();
  if (editorDir) app.use(editorRouter(editorDir));
  else app.get('/', (req, res) => renderHome(res, baseUrlOf(req, config.publicUrl)));
  app.use((req, res) => sendError(res, new FlowError('NOT_FOUND', `Nothing answers at ${req.method} ${req.path}.`, 404)));
  app.use(errorMiddleware(logger));
  const listener: RequestListener = (req, res) => {
    assignRequestId(req, res);
    const url = req.url ?? '/';
    if (url.startsWith('/webhook/')) void live(req, res, url.slice('/webhook/'.length));
    else if (url.startsWith('/webhook-test/')) void test(req, res, url.slice('/webhook-test/'.length));
    else if (url.startsWith(resumePrefix)) void resume(req, res, url.slice(resumePrefix.length));
    else app(req, res);
  };
  return {
    listener,
    app,
    runtime,
    executor,
    samples,
    credentials,
    setBaseUrl(base) {
      links.base = config.publicUrl ?? base;
    },
    recover: () => recoverExecutions(store.executions, executor, runtime, slots, logger),
    close: () => void outbound.close(),
  };
}
