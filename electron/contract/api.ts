/**
 * The one PortLens API. Every transport (Electron IPC through the preload, WebSocket in browser
 * mode) carries exactly these calls and stream messages, validated on arrival with these
 * schemas. Add a call here and each transport's type checks tell you what is missing.
 */
import { z } from 'zod';
import { HistoryQuery, HistoryResult } from './history.js';
import { Delta, ProcessInfo, Snapshot, SocketRow } from './model.js';
import { canonicalIp, readTargetAddress } from './target-address.js';
import { ERROR_CODES, PROTOCOLS, SERVICE_MANAGER_KINDS } from './enum-values.js';
import { AuditReport, DiagnoseReport, DiagnoseRequest, ExplainRequest, Explanation, IdleReport, IdleRequest } from './diagnose-model.js';

const pid = z.number().int().positive();
const port = z.number().int().min(1).max(65535);

/** User settings; persisted by the shell (Electron) or the server (browser mode). */
export const Settings = z.object({
  pollIntervalMs: z.number().int().min(200).max(60_000),
  notifications: z.object({
    enabled: z.boolean(),
    /** Process names (exact, case-insensitive) whose new ports never notify. */
    ignoredProcesses: z.array(z.string().min(1)).max(500),
    ignoredPorts: z.array(port).max(500),
    /** Only notify for ports that bind a loopback address. */
    loopbackOnly: z.boolean(),
  }),
  /** How long kill waits after SIGTERM before SIGKILL. */
  killTimeoutMs: z.number().int().min(100).max(120_000),
  /** How long restart waits for the port to listen again. */
  restartTimeoutMs: z.number().int().min(500).max(300_000),
  /** Port history older than this is deleted (core/history/). */
  historyMaxAgeDays: z.number().int().min(1).max(365),
  /** The history's size on disk at most (whole hourly segments go, the oldest first). */
  historyMaxMegabytes: z.number().int().min(1).max(100_000),
  /** Show host names for remote addresses (reverse DNS, asynchronous; core/names/). */
  resolveNames: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  pollIntervalMs: 1000,
  notifications: { enabled: true, ignoredProcesses: [], ignoredPorts: [], loopbackOnly: false },
  killTimeoutMs: 3000,
  restartTimeoutMs: 15_000,
  historyMaxAgeDays: 7,
  historyMaxMegabytes: 256,
  resolveNames: true,
};

/** A partial update; nested `notifications` fields may be given one at a time. */
export const SettingsPatch = z.object({
  pollIntervalMs: Settings.shape.pollIntervalMs.optional(),
  notifications: Settings.shape.notifications.partial().optional(),
  killTimeoutMs: Settings.shape.killTimeoutMs.optional(),
  restartTimeoutMs: Settings.shape.restartTimeoutMs.optional(),
  historyMaxAgeDays: Settings.shape.historyMaxAgeDays.optional(),
  historyMaxMegabytes: Settings.shape.historyMaxMegabytes.optional(),
  resolveNames: Settings.shape.resolveNames.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/**
 * `Target.address` on the wire: a target address (target-address.ts), read to its canonical form; `*`
 * becomes null (any address). Anything else fails validation (an `invalid-request` error).
 */
export const TargetAddress = z
  .string()
  .max(64)
  .transform((text, ctx): string | null => {
    const read = readTargetAddress(text);
    if (read.ok) return read.address;
    ctx.addIssue({ code: 'custom', message: read.reason });
    return z.NEVER;
  });

/**
 * What an action aims at. A port (optionally with its address) or a process; when the caller
 * saw a process, it passes the start time it saw so a reused pid is refused. The address is an
 * IP literal, `localhost` or `*` (see target-address.ts), read to its canonical form; null and
 * `*` mean any address. A host name or any other text is an `invalid-request`.
 */
export const Target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('port'), port, address: TargetAddress.nullable() }),
  z.object({ kind: z.literal('pid'), pid, startTime: z.number().int().nonnegative().nullable() }),
]);
export type Target = z.infer<typeof Target>;

/** A process as an action will see it: identity, what it holds, and why it may be refused. */
export const ActionSubject = z.object({
  process: ProcessInfo,
  children: z.array(ProcessInfo),
  /** Every socket the process (and its children) holds: these close too. */
  sockets: z.array(SocketRow),
  /** Non-null when the guard refuses this process; says why. */
  refusal: z.string().nullable(),
});
export type ActionSubject = z.infer<typeof ActionSubject>;

export const KillPreview = z.object({ subjects: z.array(ActionSubject) });
export type KillPreview = z.infer<typeof KillPreview>;

/** Kill exactly the processes the user saw, each by (pid, startTime). */
export const KillRequest = z.object({
  processes: z.array(z.object({ pid, startTime: z.number().int().nonnegative() })).min(1).max(64),
  force: z.boolean(),
  timeoutMs: z.number().int().min(100).max(120_000).nullable(),
});
export type KillRequest = z.infer<typeof KillRequest>;

export const KillOutcome = z.object({
  pid,
  name: z.string(),
  /** Which signal ended it, or null if it was already gone. */
  endedBy: z.enum(['SIGTERM', 'SIGKILL']).nullable(),
});
export const KillResult = z.object({
  outcomes: z.array(KillOutcome),
  /** Ports the killed processes held that are now free. */
  freedPorts: z.array(port),
  /** Ports still bound after the kill (held by another process, or lingering). */
  stillBound: z.array(port),
  elapsedMs: z.number(),
});
export type KillResult = z.infer<typeof KillResult>;

/** Through the process's service manager, or `process`: PortLens stops it and starts the same command. */
export const RestartMethod = z.enum([...SERVICE_MANAGER_KINDS, 'process']);
export type RestartMethod = z.infer<typeof RestartMethod>;

export const RestartPreview = z.object({
  subject: ActionSubject,
  method: RestartMethod,
  /**
   * The exact command PortLens will run: command[0] is the file executed, the rest its
   * arguments. For `process`, the one the restart spawns (the restarted process keeps the
   * original's argv[0], so its name does not change).
   */
  command: z.array(z.string()),
  cwd: z.string().nullable(),
  /** False when the environment could not be read; restart then needs `withoutEnvironment`. */
  environmentReadable: z.boolean(),
  /** Ports that must listen again for the restart to count as done. */
  ports: z.array(port),
});
export type RestartPreview = z.infer<typeof RestartPreview>;

export const RestartRequest = z.object({
  pid,
  startTime: z.number().int().nonnegative(),
  /** Explicit consent to restart with PortLens's own environment when the owner's is unreadable. */
  withoutEnvironment: z.boolean(),
  timeoutMs: z.number().int().min(500).max(300_000).nullable(),
  /** The command the preview showed (RestartPreview.command): when given, no other command is run. */
  command: z.array(z.string().max(131_072)).max(4096).optional(),
});
export type RestartRequest = z.infer<typeof RestartRequest>;

export const RestartResult = z.object({
  method: RestartMethod,
  oldPid: pid,
  newPid: pid.nullable(),
  ports: z.array(port),
  logFile: z.string().nullable(),
  elapsedMs: z.number(),
});
export type RestartResult = z.infer<typeof RestartResult>;

export const LogsRequest = z.object({
  target: Target,
  lines: z.number().int().min(1).max(10_000),
});
export type LogsRequest = z.infer<typeof LogsRequest>;

export const LogsResult = z.object({
  source: z.enum(['portlens', 'journal', 'docker', 'none']),
  /** The command that produced the text, for the user to run themselves. */
  command: z.array(z.string()).nullable(),
  logFile: z.string().nullable(),
  text: z.string(),
  /** When source is `none`: why no logs are reachable. */
  reason: z.string().nullable(),
});
export type LogsResult = z.infer<typeof LogsResult>;

/** A process with its ancestry and sockets, for the owner panel. */
export const ProcessDetail = z.object({
  process: ProcessInfo,
  /** Parent first, up to pid 1. */
  parents: z.array(ProcessInfo),
  sockets: z.array(SocketRow),
  /** False when the environment is unreadable (other user's process). */
  environmentReadable: z.boolean(),
});
export type ProcessDetail = z.infer<typeof ProcessDetail>;

const empty = z.object({}).strict();

/** An IP literal (no brackets), read to its canonical form; anything else is an invalid-request. */
const IpLiteral = z
  .string()
  .max(64)
  .transform((text, ctx): string => {
    const canonical = canonicalIp(text);
    if (canonical !== null) return canonical;
    ctx.addIssue({ code: 'custom', message: `not an IP address: ${text}` });
    return z.NEVER;
  });

/** One TCP connection by its two ends (core/close/). */
export const ConnectionTarget = z.object({ localAddress: IpLiteral, localPort: port, remoteAddress: IpLiteral, remotePort: port }).strict();
export type ConnectionTarget = z.infer<typeof ConnectionTarget>;

/** The connection a close would end, whose it is, and why it would be refused (no CAP_NET_ADMIN). */
export const ClosePreview = z.object({ row: SocketRow, owner: ProcessInfo.nullable(), refusal: z.string().nullable() });
export type ClosePreview = z.infer<typeof ClosePreview>;

/**
 * Request/response calls: name → request schema and response schema.
 * Every call resolves to a `Result` of its response.
 */
export const Calls = {
  getSnapshot: { request: empty, response: Snapshot },
  getProcess: { request: z.object({ pid }).strict(), response: ProcessDetail },
  getSettings: { request: empty, response: Settings },
  setSettings: { request: SettingsPatch, response: Settings },
  killPreview: { request: Target, response: KillPreview },
  kill: { request: KillRequest, response: KillResult },
  restartPreview: { request: Target, response: RestartPreview },
  restart: { request: RestartRequest, response: RestartResult },
  /**
   * Start an ended process (pid, start time) again the way it ran: same argv, cwd and environment
   * (read while it ran), through the restart's launcher and consent rules.
   */
  startAgain: { request: RestartRequest, response: RestartResult },
  logs: { request: LogsRequest, response: LogsResult },
  /** Why can't I reach this address:port or URL? A verdict, findings and next steps (diagnose-model.ts). */
  diagnose: { request: DiagnoseRequest, response: DiagnoseReport },
  /** Plain-language facts about a port and an address. */
  explain: { request: ExplainRequest, response: Explanation },
  /** Every listener the network can reach, with the firewall's verdict and warnings. */
  audit: { request: empty, response: AuditReport },
  /** Listeners idle for at least `idleMs`, and orphaned development servers. */
  idleListeners: { request: IdleRequest, response: IdleReport },
  /** Port events kept on disk, by time, port, process and text (contract/history.ts). */
  history: { request: HistoryQuery, response: HistoryResult },
  closePreview: { request: ConnectionTarget, response: ClosePreview },
  /** Ends the connection the preview showed: `rowId` pins the very socket the user saw. */
  closeConnection: { request: z.object({ target: ConnectionTarget, rowId: z.string().max(64) }).strict(), response: z.object({ closed: z.literal(true) }) },
  /**
   * Names of remote addresses as known now (never waits: an address not looked up yet answers
   * null and is looked up, so ask again later); range labels for private ones. Empty when the
   * `resolveNames` setting is off. `services` names listening ports from the services database
   * (`/etc/services`), keyed `port/protocol`, whatever that setting says.
   */
  names: {
    request: z
      .object({
        addresses: z.array(z.string().max(64)).max(2000),
        ports: z
          .array(z.object({ port: z.number().int().min(0).max(65535), protocol: z.enum(PROTOCOLS) }).strict())
          .max(2000)
          .optional(),
      })
      .strict(),
    response: z.object({ names: z.record(z.string(), z.string()), services: z.record(z.string(), z.string()) }),
  },
  /** The monitor's state in the Prometheus text format (core/metrics/). */
  metrics: { request: empty, response: z.object({ text: z.string() }) },
  /** Open a loopback http(s) URL in the default browser; anything else is refused. */
  openExternal: { request: z.object({ url: z.string().max(2048) }).strict(), response: empty },
} as const;

export type CallName = keyof typeof Calls;
export type CallRequest<N extends CallName> = z.infer<(typeof Calls)[N]['request']>;
export type CallResponse<N extends CallName> = z.infer<(typeof Calls)[N]['response']>;
export const CALL_NAMES = Object.keys(Calls) as CallName[];

/** Error codes a call may fail with; the message is for people, the code for code. */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ContractError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Extra facts: e.g. the command to run with elevated rights, or a log's tail. */
  detail: z.string().nullable(),
});
export type ContractError = z.infer<typeof ContractError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** One user-facing notification about ports that opened. */
export const PortNotification = z.object({
  title: z.string(),
  body: z.string(),
  /** Rows it is about; clicking the notification reveals the first. */
  rowIds: z.array(z.string()).min(1),
  time: z.number(),
  /**
   * Who it is about (one process, or several): a later notification with the same key tells the
   * same burst so far and replaces this one instead of stacking beside it.
   */
  key: z.string(),
});
export type PortNotification = z.infer<typeof PortNotification>;

/** Rows of a snapshot still to come after a part of it (see the `snapshot` stream message). */
const SnapshotRestCount = z.number().int().nonnegative();

/** Messages pushed from backend to renderer on the stream. */
export const StreamMessage = z.discriminatedUnion('type', [
  /**
   * The full state. With `rest` > 0 it comes in parts: `snapshot.sockets` holds the first rows
   * only, and `rest` more rows of the same snapshot follow in `snapshot-rest` messages, before
   * any other message of the stream. Browser mode sends a big snapshot's listening sockets
   * first this way, so a page shows them while the other rows travel.
   */
  z.object({ type: z.literal('snapshot'), snapshot: Snapshot, rest: SnapshotRestCount.optional() }),
  /** More rows of snapshot `seq`; `rest` counts the rows still to come after these. */
  z.object({
    type: z.literal('snapshot-rest'),
    seq: z.number().int().nonnegative(),
    sockets: z.array(SocketRow),
    rest: SnapshotRestCount,
  }),
  z.object({ type: z.literal('delta'), delta: Delta }),
  /** Show this row (tray item or notification clicked). */
  z.object({ type: z.literal('reveal'), rowId: z.string() }),
  /** The monitor failed; the message says why. Monitoring continues if it can. */
  z.object({ type: z.literal('error'), error: ContractError }),
  /**
   * Ports opened that pass the notification rules (core applies them); several in one tick are
   * one notification. Electron shows it natively from main; the web renderer via Notification.
   */
  z.object({ type: z.literal('notify'), notification: PortNotification }),
]);
export type StreamMessage = z.infer<typeof StreamMessage>;

/** What the renderer sees as `window.portlens`: one method per call, plus the stream. */
export type PortLensApi = {
  [N in CallName]: (request: CallRequest<N>) => Promise<Result<CallResponse<N>>>;
} & {
  /** Receive the full snapshot, then deltas. Returns an unsubscribe function. */
  subscribe(listener: (message: StreamMessage) => void): () => void;
  /** Which transport this is, for the UI's about box and feature checks. */
  readonly transport: 'electron' | 'web';
};
