// After a kill from the owner panel, the panel keeps the process it showed (marked ended, never
// "pid undefined") and starts it again with the same command, in the same place: a real HTTP
// server child, killed and started again through `portlens serve`.
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { expect, test } from '../support/fixtures.js';
import { ROOT } from '../support/portlens-serve.js';
import { freePort, listenerRow, setFilter, waitForData } from '../support/scenarios.js';

/** The body an HTTP GET to 127.0.0.1:port answers with. */
function fetchText(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', timeout: 5_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

/** The argv of a running pid, or null once it is gone. */
function argvOf(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

test('a server killed from the panel stays there, ended, and "Start again" brings it back listening', async ({
  app,
  servers,
}) => {
  test.setTimeout(120_000);
  const label = `start-again-${Date.now()}`;
  // A fixed port in its argv: started again, it listens on the same one.
  const server = await servers.start({ label, port: await freePort() });
  const panel = app.getByTestId('owner-panel');
  try {
    await waitForData(app);
    await setFilter(app, `:${server.port}`);
    await listenerRow(app, server.port).click();
    await expect(panel).toHaveAttribute('data-pid', String(server.pid));
    await expect(app.getByTestId('process-command')).toContainText(label);

    await app.getByTestId('kill-button').click();
    await app.getByTestId('confirm-kill').click();
    await expect(app.getByTestId('panel-ended')).toBeVisible({ timeout: 15_000 });
    // Still there once its row has faded out: the last known process, not "pid undefined".
    await expect(listenerRow(app, server.port)).toHaveCount(0, { timeout: 15_000 });
    await expect(app.getByTestId('panel-title')).toHaveText('node');
    await expect(panel).toContainText(`pid ${server.pid}`);
    await expect(panel).not.toContainText('undefined');
    await expect(app.getByTestId('ended-note')).toBeVisible();
    await expect(app.getByTestId('process-command')).toContainText(label);
    await expect(panel.getByText(server.cwd)).toBeVisible();
    await expect(app.getByTestId('kill-button')).toHaveCount(0);
    // For the layout review (test-results, not committed).
    await app.screenshot({ path: `${ROOT}test-results/screenshots/owner-ended.png` });

    await app.getByTestId('start-again-button').click();
    await expect(app.getByTestId('panel-ended')).toHaveCount(0, { timeout: 30_000 });
    const newPid = Number(await panel.getAttribute('data-pid'));
    expect(newPid).not.toBe(server.pid);
    expect(argvOf(newPid)).toEqual(server.argv);
    await expect(listenerRow(app, server.port)).toBeVisible({ timeout: 15_000 });
    await expect(app.getByTestId('process-command')).toContainText(label);
    expect(await fetchText(server.port)).toBe(`${label}\n`);
  } finally {
    // The process "Start again" started for us: the panel's pid, stopped only if it runs our argv.
    const shown = Number(await panel.getAttribute('data-pid', { timeout: 1_000 }).catch(() => null));
    if (shown && shown !== server.pid && argvOf(shown)?.includes(label)) process.kill(shown, 'SIGTERM');
  }
});

test('a server that closes its port a moment before it exits is shown ended once it has', async ({ app, servers }) => {
  test.setTimeout(60_000);
  const label = `linger-${Date.now()}`;
  // Its port closes at once, the process exits 2 s later: several polls see it running, portless.
  const server = await servers.start({ label, lingerMs: 2_000 });
  const panel = app.getByTestId('owner-panel');
  await waitForData(app);
  await setFilter(app, `:${server.port}`);
  await listenerRow(app, server.port).click();
  await expect(panel).toHaveAttribute('data-pid', String(server.pid));

  await app.getByTestId('kill-button').click();
  await app.getByTestId('confirm-kill').click();
  await expect(app.getByTestId('panel-ended')).toBeVisible({ timeout: 15_000 });
  expect(argvOf(server.pid)).toBeNull();
  await expect(app.getByTestId('kill-button')).toHaveCount(0);
  await expect(app.getByTestId('start-again-button')).toBeVisible();
  await expect(app.getByTestId('process-command')).toContainText(label);
});
