/** A WebSocket upgrade attempt with any headers a local process may forge. */
import WebSocket from 'ws';

/** The HTTP status of the upgrade: 101 when it opened (then closed at once), else the refusal's. */
export function upgradeStatus(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      ws.terminate();
    });
    ws.on('error', reject);
  });
}
