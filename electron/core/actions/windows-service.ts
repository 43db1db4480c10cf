/**
 * Restarting a Windows service: `Restart-Service` through PowerShell, which only an administrator
 * may do. The service name comes from `tasklist /svc`; it is put in the script only after it is
 * checked to be letters, digits, spaces and `_.+-` (real names such as "AMD External Events
 * Utility" have spaces), so it can never close the quotes or be read as a wildcard.
 */
import { powershellCommand } from '../owners/windows/powershell.js';

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9 _.+-]{0,255}$/;

/** The command restarting service `name`, or null for a name PortLens will not put in a script. */
export function restartServiceCommand(name: string): string[] | null {
  if (!SAFE_NAME.test(name)) return null;
  return powershellCommand(`Restart-Service -Name '${name}' -ErrorAction Stop`);
}

/**
 * Whether PowerShell refused because we are not an administrator: the service manager then says
 * "Cannot open <name> service on computer '.'" (the stop half of a restart fails first).
 */
export function refusedForElevation(output: string): boolean {
  return /Cannot open .+ service on computer '\.'/.test(output);
}
