/**
 * What a service manager's failed command said about why, when it was a refusal: macOS's
 * launchctl prints `Could not kickstart service: 1: Operation not permitted` to a user acting on
 * a root job, and `...: 150: Operation not permitted while System Integrity Protection is
 * engaged` even to root for Apple's own services; systemctl and brew say "permission denied" or
 * "Access denied".
 */
export type ManagerRefusal = 'permission' | 'protected' | null;

export function managerRefusal(output: string): ManagerRefusal {
  if (/System Integrity Protection/i.test(output)) return 'protected';
  if (/Operation not permitted|Permission denied|Access denied|must be run as root/i.test(output))
    return 'permission';
  return null;
}
