// Group headers sum their rows' traffic: a real upload shows in the port's and the process's header.
import { expect, test } from '../support/fixtures.js';
import { setFilter, waitForData } from '../support/scenarios.js';
import { upload } from '../support/upload.js';

const FLOWING = /^[↑↓] [\d.]+ (KiB|MiB)\/s$/;

test('by port and by process, the header shows the summed send/receive rates and bytes', async ({
  app,
  servers,
}) => {
  const server = await servers.start({ label: 'group traffic' });
  const stop = upload(server.port);
  try {
    await waitForData(app);
    await setFilter(app, `:${server.port}`);
    const groupBy = app.getByTestId('group-by');
    await groupBy.selectOption('port');
    // Listener, accepted socket (receiving) and the client's end (sending): both directions flow.
    const byPort = app.locator(`[data-testid="group-row"][data-group-key=":${server.port}"]`);
    await expect(byPort.getByTestId('group-receive')).toHaveText(FLOWING, { timeout: 30_000 });
    await expect(byPort.getByTestId('group-send')).toHaveText(FLOWING);
    await expect(byPort.getByTestId('group-bytes')).toHaveText(/· [\d.]+ (KiB|MiB|GiB)$/);
    await expect(byPort.getByTestId('group-traffic')).toHaveAccessibleName(
      /^Sending .* receiving .* received in all/,
    );

    await groupBy.selectOption('process');
    // The server's own sockets: it receives the upload (its answers are small).
    const byProcess = app.locator(`[data-testid="group-row"][data-group-key="p:${server.pid}"]`);
    await expect(byProcess.getByTestId('group-receive')).toHaveText(FLOWING, { timeout: 30_000 });
  } finally {
    stop();
    await app.getByTestId('group-by').selectOption('none');
  }
});
