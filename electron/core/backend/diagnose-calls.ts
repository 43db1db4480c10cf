/** The contract's diagnose, explain and audit calls, on core/diagnose (loaded on first use). */
import type { CallRequest, CallResponse, Result } from '../../contract/api.js';
import type { Disposable } from '../../contract/events.js';
import { ActivityTracker } from '../diagnose/activity-tracker.js';
import { saveActivity } from '../diagnose/activity-store.js';
import { idleListeners } from '../diagnose/idle-listeners.js';
import type { MonitorMessage } from '../monitor/messages.js';
import type { Snapshot } from '../model.js';

export async function diagnoseCall(request: CallRequest<'diagnose'>, snapshot: () => Promise<Snapshot>): Promise<Result<CallResponse<'diagnose'>>> {
  const { diagnose } = await import('../diagnose/diagnose.js');
  const report = await diagnose(request.target, { snapshot, ...(request.timeoutMs ? { budgetMs: request.timeoutMs } : {}) });
  return { ok: true, value: report };
}

export async function explainCall(request: CallRequest<'explain'>, snapshot: Snapshot): Promise<Result<CallResponse<'explain'>>> {
  const { explain } = await import('../diagnose/explain.js');
  return { ok: true, value: explain(request.target, snapshot) };
}

export async function auditCall(snapshot: Snapshot): Promise<Result<CallResponse<'audit'>>> {
  const { audit } = await import('../diagnose/audit.js');
  return { ok: true, value: await audit(snapshot) };
}

export async function idleCall(request: CallRequest<'idleListeners'>, snapshot: Snapshot, tracker: ActivityTracker): Promise<Result<CallResponse<'idleListeners'>>> {
  return { ok: true, value: { since: tracker.since, listeners: idleListeners(snapshot, (row) => tracker.lastActive(row), request.idleMs, Date.now()) } };
}

/** How often the activity record is written for `portlens list --idle`. */
const SAVE_EVERY_MS = 30_000;

/** The monitor's activity tracker, saved to the data directory now and then (and when disposed). */
export function trackActivity(dataDir: string): Disposable & { tracker: ActivityTracker; observe(message: MonitorMessage): void } {
  const tracker = new ActivityTracker();
  const save = (): void => {
    try {
      saveActivity(dataDir, tracker.record());
    } catch {
      // The record only helps `list --idle`; a data directory we may not write is reported elsewhere.
    }
  };
  const timer = setInterval(save, SAVE_EVERY_MS);
  timer.unref();
  return {
    tracker,
    observe(message) {
      if (message.type === 'snapshot') tracker.reset(message.snapshot);
      else if (message.type === 'delta') tracker.apply(message.delta);
    },
    dispose() {
      clearInterval(timer);
      save();
    },
  };
}
