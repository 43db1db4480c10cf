/**
 * What `diagnose`, `explain` and `audit` answer, declared once: the CLI prints these (as JSON
 * with `--json`), the app gets them through the contract's calls (api.ts), both validated here.
 */
import { z } from 'zod';
import { Family, Protocol } from './model.js';

const port = z.number().int().min(0).max(65535);
const pid = z.number().int().positive();

/** The one answer a diagnosis ends with. */
export const VERDICTS = [
  'reachable',
  'nothing-listening',
  'family-mismatch',
  'address-mismatch',
  'not-accepting',
  'filtered',
  'refused',
  'timeout',
] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

export const Severity = z.enum(['info', 'warning', 'error']);
export type Severity = z.infer<typeof Severity>;

/** One thing a check found: a stable code for code, a sentence for people. */
export const Finding = z.object({ code: z.string(), severity: Severity, message: z.string() });
export type Finding = z.infer<typeof Finding>;

/** The action a next step links to in the app (the CLI prints the command). */
export const StepAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kill'), pid, startTime: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('restart'), pid, startTime: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('logs'), pid }),
  z.object({ kind: z.literal('open'), url: z.string().max(2048) }),
  z.object({ kind: z.literal('copy'), command: z.string().max(4096) }),
]);
export type StepAction = z.infer<typeof StepAction>;

export const NextStep = z.object({ text: z.string(), action: StepAction.nullable() });
export type NextStep = z.infer<typeof NextStep>;

/** A listening socket on the port, with its owner and whether it accepts this target. */
export const ListenerFact = z.object({
  protocol: Protocol,
  family: Family,
  localAddress: z.string(),
  localPort: port,
  v6Only: z.boolean().nullable(),
  pid: pid.nullable(),
  startTime: z.number().int().nonnegative().nullable(),
  name: z.string().nullable(),
  user: z.string().nullable(),
  /** Who it accepts, in words (`IPv6 loopback only`, `all IPv6 interfaces, IPv6-only`). */
  reach: z.string(),
  /** Does it accept a connection to the target's address? */
  accepts: z.boolean(),
  /** How it accepts (`exact`, `wildcard`, `dual-stack`) or why not (`family`, `v6-only`, `address`). */
  fit: z.string(),
  /** Connections waiting to be accepted (Recv-Q) and the accept queue's size (Send-Q), when known. */
  acceptQueue: z.number().int().nonnegative().nullable(),
  backlog: z.number().int().nonnegative().nullable(),
  /** The owner's process state letter from /proc (`R`, `S`, `T` stopped, `Z` zombie), when read. */
  processState: z.string().nullable(),
});
export type ListenerFact = z.infer<typeof ListenerFact>;

/** One network probe; probes never send anything that changes a service's state. */
export const Probe = z.object({
  kind: z.enum(['tcp', 'http', 'tls', 'banner']),
  address: z.string(),
  port,
  outcome: z.enum(['connected', 'refused', 'reset', 'timeout', 'unreachable', 'error', 'no-answer']),
  latencyMs: z.number().nonnegative().nullable(),
  /** What came back: `HTTP 200 "Vite App"`, `TLS (h2)`, `SSH-2.0-OpenSSH_9.6`, an error text. */
  detail: z.string().nullable(),
  http: z
    .object({
      status: z.number().int(),
      server: z.string().nullable(),
      title: z.string().nullable(),
      location: z.string().nullable(),
    })
    .nullable(),
  /** The service the answer identifies (`http`, `tls`, `ssh`, `redis`, `postgresql`, `mysql`, `smtp`). */
  service: z.string().nullable(),
});
export type Probe = z.infer<typeof Probe>;

/** What was asked, as read: an address and port, or why it cannot be one. */
export const DiagnoseTarget = z.object({
  input: z.string(),
  /** The host as written (`127.0.0.1`, `::1`, `localhost`, a name), null for a bare port. */
  host: z.string().nullable(),
  port: port.nullable(),
  /** The addresses tried, in the order a client tries them. */
  addresses: z.array(z.string()),
  /** `http`/`https` when the target was a URL. */
  scheme: z.string().nullable(),
});
export type DiagnoseTarget = z.infer<typeof DiagnoseTarget>;

export const DiagnoseReport = z.object({
  target: DiagnoseTarget,
  /** Null only when the target is not a port at all (an impossible port): the findings say why. */
  verdict: Verdict.nullable(),
  listeners: z.array(ListenerFact),
  probes: z.array(Probe),
  findings: z.array(Finding),
  nextSteps: z.array(NextStep),
  elapsedMs: z.number().nonnegative(),
});
export type DiagnoseReport = z.infer<typeof DiagnoseReport>;

export const DiagnoseRequest = z
  .object({
    target: z.string().min(1).max(2048),
    /** The whole run's time budget (default 3 s). */
    timeoutMs: z.number().int().min(200).max(30_000).nullable(),
  })
  .strict();
export type DiagnoseRequest = z.infer<typeof DiagnoseRequest>;

/** Plain-language facts about a port and an address. */
export const Explanation = z.object({
  input: z.string(),
  port: port.nullable(),
  host: z.string().nullable(),
  /** IANA's category of the port, null when it is not a port. */
  category: z.enum(['well-known', 'registered', 'dynamic']).nullable(),
  /** This machine's ephemeral (local) port range, and whether the port is in it / reserved. */
  ephemeral: z
    .object({ low: port, high: port, inRange: z.boolean(), reserved: z.boolean() })
    .nullable(),
  /** Names from the services database and PortLens's table of developer ports. */
  services: z.array(z.object({ name: z.string(), source: z.enum(['services', 'developer']), note: z.string() })),
  /** What is on it now. */
  listeners: z.array(ListenerFact),
  /** Every fact above, and the address's meaning, as sentences (what the CLI prints). */
  facts: z.array(Finding),
});
export type Explanation = z.infer<typeof Explanation>;

export const ExplainRequest = z.object({ target: z.string().min(1).max(2048) }).strict();

/** A listener the network can reach, for the exposure audit. */
export const ExposedListener = ListenerFact.extend({
  /** The firewall's verdict for the port where readable: `open`, `filtered (rule …)`, or `unknown — needs root`. */
  firewall: z.string(),
  /** What the port usually is (services database or developer table). */
  service: z.string().nullable(),
  /** Set for services that should never face a network unprotected; says why. */
  warning: z.string().nullable(),
});
export type ExposedListener = z.infer<typeof ExposedListener>;

export const AuditReport = z.object({
  exposed: z.array(ExposedListener),
  /** How many of them are on the warning list. */
  warnings: z.number().int().nonnegative(),
  /** What the firewall check could read (`nftables`, `iptables`, `unknown — needs root: sudo nft list ruleset`). */
  firewall: z.string(),
});
export type AuditReport = z.infer<typeof AuditReport>;

/** A listener with no activity for a while, or an orphaned development server. */
export const IdleListener = ListenerFact.extend({
  /** When it last accepted a connection or moved a byte (epoch ms), or when tracking began. */
  lastActive: z.number(),
  idleMs: z.number().nonnegative(),
  /** Idle for at least the threshold asked. */
  idle: z.boolean(),
  /** Why it is an orphan (its terminal is gone), or null. */
  orphan: z.string().nullable(),
});
export type IdleListener = z.infer<typeof IdleListener>;

export const IdleRequest = z.object({ idleMs: z.number().int().min(1000).max(30 * 24 * 3_600_000) }).strict();

export const IdleReport = z.object({
  /** Tracking began then: no listener can be known idle for longer than since then. */
  since: z.number(),
  listeners: z.array(IdleListener),
});
export type IdleReport = z.infer<typeof IdleReport>;
