/**
 * The preload (sandboxed, context-isolated; bundled to dist/electron/preload.cjs): exposes
 * `window.portlens`, one function per contract call plus the stream, and nothing else — never
 * ipcRenderer, never an IPC event (security checklist #20). Requests are validated in main,
 * where the trust boundary is; main's stream messages are trusted and passed on unchanged
 * (validating every delta here would cost a full schema walk per tick for no protection, and
 * keeps zod out of this bundle).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  CallName,
  CallRequest,
  CallResponse,
  PortLensApi,
  Result,
  StreamMessage,
} from '../../contract/api.js';
import { STREAM_CHANNEL, STREAM_START_CHANNEL, callChannel } from '../../contract/channels.js';
import { Emitter } from '../../contract/events.js';

/** Invokes one contract call in main; main validates the sender and the request. */
function invoke<N extends CallName>(name: N, request: CallRequest<N>): Promise<Result<CallResponse<N>>> {
  return ipcRenderer.invoke(callChannel(name), request) as Promise<Result<CallResponse<N>>>;
}

const stream = new Emitter<StreamMessage>({
  onListenerError: (error) => console.error('PortLens stream listener failed', error),
});

// One IPC listener fans out to the page's listeners; it strips the event (which carries
// `sender`, an ipcRenderer) so nothing of Electron crosses into the page.
ipcRenderer.on(STREAM_CHANNEL, (_event: IpcRendererEvent, message: StreamMessage) => stream.fire(message));

/** Explicit, one function per call: a call added to the contract is a type error here until wired. */
const api: PortLensApi = {
  getSnapshot: (request) => invoke('getSnapshot', request),
  getProcess: (request) => invoke('getProcess', request),
  getSettings: (request) => invoke('getSettings', request),
  setSettings: (request) => invoke('setSettings', request),
  killPreview: (request) => invoke('killPreview', request),
  kill: (request) => invoke('kill', request),
  restartPreview: (request) => invoke('restartPreview', request),
  restart: (request) => invoke('restart', request),
  startAgain: (request) => invoke('startAgain', request),
  logs: (request) => invoke('logs', request),
  diagnose: (request) => invoke('diagnose', request),
  explain: (request) => invoke('explain', request),
  audit: (request) => invoke('audit', request),
  idleListeners: (request) => invoke('idleListeners', request),
  history: (request) => invoke('history', request),
  metrics: (request) => invoke('metrics', request),
  closePreview: (request) => invoke('closePreview', request),
  closeConnection: (request) => invoke('closeConnection', request),
  names: (request) => invoke('names', request),
  openExternal: (request) => invoke('openExternal', request),
  subscribe(listener) {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    let subscribed = true;
    const subscription = stream.event(listener);
    // Each subscriber asks main to (re)start the stream, which answers with a fresh snapshot.
    void ipcRenderer.invoke(STREAM_START_CHANNEL).then(
      (result: Result<unknown>) => {
        if (!result.ok && subscribed) listener({ type: 'error', error: result.error });
      },
      (error: unknown) => {
        const message = `could not start the stream: ${error instanceof Error ? error.message : String(error)}`;
        if (subscribed) listener({ type: 'error', error: { code: 'internal', message, detail: null } });
      },
    );
    return () => {
      subscribed = false;
      subscription.dispose();
    };
  },
  transport: 'electron',
};

contextBridge.exposeInMainWorld('portlens', api);
