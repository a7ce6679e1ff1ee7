import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endBrowserTest, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { canvasNode, startEditorApp } from '../helpers/editor-page.js';
import { flowDocument, type TestApp } from '../helpers/start-app.js';

describe('a node’s failure settings in the editor', { timeout: 120_000 }, () => {
  let chrome: TestBrowser;
  let app: TestApp;
  let page: Page | undefined;

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
  });
  afterEach(async (context) => {
    const unexpected = await endBrowserTest(chrome, page, `failure settings ${context.task.name}`, context.task.result?.state === 'fail');
    expect(unexpected).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  const savedFlow = async (id: string) => (await app.api.get(`/api/flows/${id}`)).body.flow;

  it('sets a flow time limit, a retry policy and an error output wired to a node; the saved flow holds exactly them', async () => {
    await app.createFlow(
      flowDocument(
        'retrying',
        {
          hook: ['webhook', {}],
          call: ['http-request', { url: 'https://crm.example.com/contacts' }],
          map: ['transform', { expression: 'body' }],
          alert: ['transform', { expression: 'error' }],
        },
        [
          ['hook', 'call'],
          ['call', 'map', 'success'],
        ],
        // A draft: "alert" is not connected yet.
        { active: false },
      ),
    );
    const p = (page = await chrome.newPage());
    await p.goto(`${app.url}/#/flows/retrying`);
    const panel = p.getByRole('tabpanel');

    // Nothing selected: the flow's own settings.
    await panel.getByRole('region', { name: 'Flow settings' }).getByLabel('Time limit per execution (seconds)').fill('120');

    // The trigger has no failure settings.
    await canvasNode(p, 'hook').click();
    await panel.getByRole('form', { name: /Settings of/ }).waitFor();
    await expect(panel.getByText('On failure: retries and timeout').count()).resolves.toBe(0);

    // The transform: three tries without jitter, a timeout per try, failures to an error output.
    await canvasNode(p, 'map').click();
    const failure = panel.getByRole('group', { name: 'On failure' });
    await expect(failure.getByLabel('Tries').isVisible()).resolves.toBe(false);
    await failure.getByText('On failure: retries and timeout').click();
    await failure.getByLabel('When the node fails').selectOption({ label: 'Take the error output' });
    await failure.getByLabel('Tries').fill('3');
    await failure.getByLabel('First wait (seconds)').fill('0.5');
    await failure.getByLabel('Longest wait (seconds)').fill('10');
    await failure.getByLabel('Random waits (jitter)').uncheck();
    await failure.getByLabel('Timeout per try (seconds)').fill('2');
    // Statuses are for nodes with an error output of their own (HTTP request), not for a transform.
    await expect(failure.getByLabel('Retry on HTTP statuses').count()).resolves.toBe(0);

    // The card now has an error output, and it can be connected.
    await canvasNode(p, 'map').getByLabel('Output error of Transform').waitFor();
    const errorPort = panel.getByRole('group', { name: 'error' });
    await errorPort.getByLabel('Add connection from error').selectOption('alert');
    await errorPort.getByRole('button', { name: 'Connect error' }).click();

    // The HTTP request: retried on the statuses typed.
    await canvasNode(p, 'call').click();
    const callFailure = panel.getByRole('group', { name: 'On failure' });
    await callFailure.getByText('On failure: retries and timeout').click();
    await callFailure.getByLabel('Tries').fill('4');
    await callFailure.getByLabel('Retry on HTTP statuses').fill('429, 503');

    await p.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await savedFlow('retrying')).settings, { timeout: 15_000 }).toEqual({ timeoutMs: 120_000 });
    const flow = await savedFlow('retrying');
    const node = (id: string) => flow.nodes.find((candidate: { id: string }) => candidate.id === id);
    expect(node('map').settings).toEqual({ retry: { attempts: 3, backoffMs: 500, maxBackoffMs: 10_000, jitter: false }, timeoutMs: 2000, onError: 'errorPort' });
    expect(node('call').settings).toEqual({ retry: { attempts: 4, on: { statuses: [429, 503] } } });
    expect(node('hook')).not.toHaveProperty('settings');
    expect(node('alert')).not.toHaveProperty('settings');
    expect(flow.edges).toContainEqual(expect.objectContaining({ source: 'map', target: 'alert', sourceHandle: 'error' }));

    // Reopened, the section shows what was saved.
    await p.reload();
    await canvasNode(p, 'map').click();
    const reopened = panel.getByRole('group', { name: 'On failure' });
    await expect(reopened.getByLabel('Tries').inputValue()).resolves.toBe('3');
    await expect(reopened.getByLabel('When the node fails').inputValue()).resolves.toBe('errorPort');
  });
});
