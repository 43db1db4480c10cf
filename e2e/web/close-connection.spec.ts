// Close connection from the row menu, on a real TCP connection: preview, confirm, and the client
// sees its connection end while the server process keeps running. Without CAP_NET_ADMIN (not
// root), the dialog shows the refusal and cannot confirm.
import { connect, type Socket } from 'node:net';
import { expect, test } from '../support/fixtures.js';
import { rows, setFilter, waitForData } from '../support/scenarios.js';

function connected(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

test('Close connection… ends one TCP connection, previewed and confirmed; the refusal shows where it is not permitted', async ({
  app,
  servers,
}) => {
  await waitForData(app);
  const server = await servers.start({ label: 'closable' });
  const client = await connected(server.port);
  const ended = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.on('error', () => {}); // the reset is what we expect
  try {
    const clientPort = client.localPort!;
    await setFilter(app, `:${clientPort}`);
    // The client's own end: local port = the client's port.
    const row = rows(app).filter({
      has: app.locator('.cell--local', { hasText: new RegExp(`:${clientPort}$`) }),
    });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await row.click({ button: 'right' });
    await app.getByTestId('menu-close-connection').click();
    const dialog = app.getByTestId('close-connection-dialog');
    await expect(dialog.getByTestId('close-connection-ends')).toHaveText(
      `127.0.0.1:${clientPort} ⇄ 127.0.0.1:${server.port}`,
    );
    const confirm = dialog.getByTestId('confirm-close-connection');
    if (process.getuid?.() !== 0) {
      await expect(dialog.getByTestId('close-connection-refusal')).toContainText(
        'Not permitted: closing a connection needs CAP_NET_ADMIN',
      );
      await expect(confirm).toBeDisabled();
      return;
    }
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(app.getByTestId('toasts')).toContainText('Connection closed', { timeout: 10_000 });
    await ended; // the client saw its connection end
    expect(client.destroyed).toBe(true);
    // The server's process was not killed.
    expect(() => process.kill(server.pid, 0)).not.toThrow();
  } finally {
    client.destroy();
  }
});
