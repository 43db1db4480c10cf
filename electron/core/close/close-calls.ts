/** The contract's closePreview and closeConnection calls over core/close. */
import type { ClosePreview, ConnectionTarget, Result } from '../../contract/api.js';
import { contractError } from '../../contract/validate.js';
import type { Snapshot } from '../model.js';
import { closeConnection, previewClose, recordClose } from './close-connection.js';

export function closeConnectionCalls(dataDir: string) {
  return {
    async preview(target: ConnectionTarget, snapshot: Snapshot): Promise<Result<ClosePreview>> {
      return previewClose(target, snapshot);
    },
    async close(target: ConnectionTarget, rowId: string, snapshot: Snapshot): Promise<Result<{ closed: true }>> {
      const preview = previewClose(target, snapshot);
      if (!preview.ok) return preview;
      // The socket the user saw, or nothing: a new connection on the same ends is another one.
      if (preview.value.row.id !== rowId)
        return { ok: false, error: contractError('stale-identity', 'that connection has closed; the one on the same ends now is another') };
      if (preview.value.refusal) return { ok: false, error: contractError('permission', preview.value.refusal) };
      const closed = closeConnection(preview.value.row);
      if (closed.ok) recordClose(dataDir, preview.value);
      return closed;
    },
  };
}
