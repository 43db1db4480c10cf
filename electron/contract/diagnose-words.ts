/**
 * How the CLI and the app say a diagnosis: one vocabulary (zod-free, so the page and the
 * one-shot CLI can read it without the schemas).
 */
import type { Severity, StepAction, Verdict } from './diagnose-model.js';

/** The verdict's headline. */
export const VERDICT_WORDS: Record<Verdict, string> = {
  reachable: 'Reachable: it accepts connections',
  'nothing-listening': 'Nothing listens there',
  'family-mismatch': 'Wrong IP family: the server listens on the other one (IPv4 vs IPv6)',
  'address-mismatch': 'Wrong address: the server listens on another address of this machine',
  'not-accepting': 'A server listens there but does not accept connections',
  filtered: 'Blocked by the firewall',
  refused: 'Connection refused',
  timeout: 'No answer: the connection timed out',
};

/** A finding's mark in text output. */
export const SEVERITY_MARK: Record<Severity, string> = { error: '✗', warning: '!', info: '·' };

/** The command a next step's action runs, as the CLI prints it. */
export function actionCommand(action: StepAction, commandName = 'portlens'): string {
  switch (action.kind) {
    case 'kill':
      return `${commandName} kill --pid ${action.pid}`;
    case 'restart':
      return `${commandName} restart --pid ${action.pid}`;
    case 'logs':
      return `${commandName} logs --pid ${action.pid}`;
    case 'open':
      return action.url;
    case 'copy':
      return action.command;
  }
}
