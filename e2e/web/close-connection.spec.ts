// Close connection from the row menu, on a real TCP connection: preview, confirm, and the client
// sees its connection end while the server process keeps running; the runner's own end (an
// ancestor of serve) is refused by the guard. Without CAP_NET_ADMIN (not
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
    const endOf = (localPort: number) =>
      rows(app).filter({ has: app.locator('.cell--local', { hasText: new RegExp(`:${localPort}$`) }) });
    const dialog = app.getByTestId('close-connection-dialog');
    const confirm = dialog.getByTestId('confirm-close-connection');

    // The client's end belongs to this test runner, an ancestor of `portlens serve`: the guard
    // refuses it (PortLens never cuts its own or its ancestors' connections).
    await expect(endOf(clientPort)).toHaveCount(1, { timeout: 30_000 });
    await endOf(clientPort).click({ button: 'right' });
    await app.getByTestId('menu-close-connection').click();
    await expect(dialog.getByTestId('close-connection-refusal')).toContainText(
      process.getuid?.() === 0 ? 'an ancestor of PortLens' : 'CAP_NET_ADMIN',
    );
    await expect(confirm).toBeDisabled();
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    // The server's end belongs to the server child.
    await endOf(server.port).click({ button: 'right' });
    await app.getByTestId('menu-close-connection').click();
    await expect(dialog.getByTestId('close-connection-ends')).toHaveText(
      `127.0.0.1:${server.port} ⇄ 127.0.0.1:${clientPort}`,
    );
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
