/** How a service manager is named in the panel: the CLI's words (display-text.ts). */
import { serviceManagerText } from '@contract/display-text';
import type { ServiceManager } from '@contract/model';

/** `systemd unit nginx.service`, `launchd job com.example.agent (gui/501)`, or why there is none. */
export function serviceText(service: ServiceManager | null): string {
  return service ? serviceManagerText(service) : 'none detected (a plain process)';
}
