/** Concrete next steps for a verdict, each linked to the action that does it (Kill, Restart, Logs, Open, copy). */
import type { ListenerFact, NextStep, Probe, Verdict } from '../../contract/diagnose-model.js';
import { hostPort } from '../../contract/reachability.js';
import type { BlockingRule } from './checks/firewall.js';
import type { NearMiss } from './near-miss.js';
import { notAcceptingReason } from './verdict.js';

export interface StepInput {
  verdict: Verdict;
  port: number;
  host: string;
  scheme: string | null;
  listeners: readonly ListenerFact[];
  nearMisses: readonly NearMiss[];
  rules: readonly BlockingRule[];
  service: Probe | null;
  /** How the user runs PortLens (`portlens`), for commands to copy. */
  commandName: string;
}

const copy = (text: string, command: string): NextStep => ({ text, action: { kind: 'copy', command } });

/** The owner's Restart, Logs and Kill, when it is known. */
function ownerSteps(listener: ListenerFact | undefined, verbs: ReadonlyArray<'restart' | 'logs' | 'kill'>): NextStep[] {
  if (!listener || listener.pid === null || listener.startTime === null) return [];
  const { pid, startTime } = listener;
  const who = `${listener.name ?? 'the server'} (pid ${pid})`;
  return verbs.map((verb) =>
    verb === 'logs'
      ? { text: `Read the logs of ${who}`, action: { kind: 'logs', pid } }
      : verb === 'restart'
        ? { text: `Restart ${who}`, action: { kind: 'restart', pid, startTime } }
        : { text: `Stop ${who}`, action: { kind: 'kill', pid, startTime } },
  );
}

function openUrl(scheme: string | null, service: Probe | null, where: string): string | null {
  const web = scheme === 'http' || scheme === 'https' ? scheme : service?.service === 'http' ? 'http' : service?.service === 'https' || service?.kind === 'tls' ? 'https' : null;
  return web ? `${web}://${where}/` : null;
}

export function nextSteps(input: StepInput): NextStep[] {
  const { verdict, port, host, listeners, commandName } = input;
  const accepting = listeners.find((l) => l.accepts);
  switch (verdict) {
    case 'reachable': {
      const url = openUrl(input.scheme, input.service, hostPort(host, port));
      return [
        ...(url ? [{ text: `Open ${url}`, action: { kind: 'open' as const, url } }] : []),
        { text: 'It answers here. If your client still fails, check its proxy settings and the address it really uses (localhost may resolve differently in a container or VM)', action: null },
        ...ownerSteps(accepting, ['logs']),
      ];
    }
    case 'nothing-listening':
      return [
        { text: `Start the server, and check that it is configured for port ${port} (an error at start-up, such as "address already in use", is in its output)`, action: null },
        copy('See what does listen on this machine', `${commandName} list --listening`),
        copy(`Read what PortLens kept of a service it restarted on port ${port}`, `${commandName} logs ${port}`),
      ];
    case 'family-mismatch':
    case 'address-mismatch':
      return input.nearMisses.flatMap((miss) => {
        const owner = listeners.find((l) => l.localAddress === miss.localAddress && l.pid === miss.pid);
        const first = miss.connectTo[0];
        const url = first && !first.startsWith('this machine') ? openUrl(input.scheme, input.service, first) : null;
        return [
          ...(first ? [{ text: `Connect to ${miss.connectTo.join(' or ')} instead`, action: url ? { kind: 'open' as const, url } : null }] : []),
          { text: `Or ${miss.bindFix}, then restart it`, action: null },
          ...ownerSteps(owner, ['restart', 'logs']),
        ];
      });
    case 'not-accepting': {
      const stuck = listeners.find((l) => l.accepts && notAcceptingReason(l) !== null);
      const reason = stuck ? notAcceptingReason(stuck) : null;
      const steps: NextStep[] = [];
      if (reason === 'stopped' && stuck?.pid) steps.push(copy(`Resume the stopped process (it was suspended, e.g. with Ctrl-Z or SIGSTOP)`, `kill -CONT ${stuck.pid}`));
      if (reason === 'zombie') steps.push({ text: 'The owner has exited but its parent has not reaped it; restart the service or its parent', action: null });
      if (reason === 'queue-full') steps.push({ text: 'The server is not calling accept(): it is hung or overloaded. Read its logs, then restart it', action: null });
      return [...steps, ...ownerSteps(stuck, ['logs', 'restart', 'kill'])];
    }
    case 'filtered':
      return [
        ...input.rules.map((rule) => copy(`Remove the firewall rule that ${rule.action}s port ${port} (${rule.tool})`, rule.remove)),
        copy('List the rules with their handles', 'sudo nft -a list ruleset'),
      ];
    case 'refused':
      return [
        { text: 'The connection was refused although a listener was seen: it may have just closed or restarted. Diagnose again', action: null },
        ...ownerSteps(accepting, ['logs', 'restart']),
      ];
    case 'timeout':
      return [
        copy('No answer: a firewall may be dropping it. Read the rules as root', 'sudo nft -a list ruleset'),
        ...ownerSteps(accepting, ['logs', 'restart']),
      ];
  }
}
