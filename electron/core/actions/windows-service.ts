/**
 * Restarting a Windows service: `Restart-Service` through PowerShell, which only an administrator
 * may do. The service name comes from `tasklist /svc`; it is put in the script only after it is
 * checked to be letters, digits, spaces and `_.+-` (real names such as "AMD External Events
 * Utility" have spaces), so it can never close the quotes or be read as a wildcard.
 * Windows' refusal text is translated, so the script itself says whether PortLens runs elevated:
 * when the restart fails without an administrator's rights, it exits NOT_ELEVATED_EXIT.
 */
import { powershellCommand } from '../owners/windows/powershell.js';

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9 _.+-]{0,255}$/;

/** The script's exit status when the restart failed and PortLens is not elevated (ERROR_ACCESS_DENIED). */
export const NOT_ELEVATED_EXIT = 5;

/** True in an elevated PowerShell (the Administrators group is active in its token). */
const ELEVATED =
  '([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)';

/** The command restarting service `name`, or null for a name PortLens will not put in a script. */
export function restartServiceCommand(name: string): string[] | null {
  if (!SAFE_NAME.test(name)) return null;
  // A user granted rights on this one service needs no elevation: the check runs only on failure.
  return powershellCommand(
    `try { Restart-Service -Name '${name}' -ErrorAction Stop } catch { if (-not (${ELEVATED})) { exit ${NOT_ELEVATED_EXIT} }; throw }`,
  );
}

/** Whether the restart script failed because PortLens is not an administrator (its exit status). */
export function refusedForElevation(code: number): boolean {
  return code === NOT_ELEVATED_EXIT;
}
