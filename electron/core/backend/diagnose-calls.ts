/** The contract's diagnose, explain and audit calls, on core/diagnose (loaded on first use). */
import type { CallRequest, CallResponse, Result } from '../../contract/api.js';
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
