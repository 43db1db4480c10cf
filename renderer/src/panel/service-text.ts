/** How a service manager is named in the panel. */
import type { ServiceManager } from '@contract/model';

/** `systemd unit nginx.service`, `Docker container 3f2a…`, `pm2 app api (id 2)`. */
export function serviceText(service: ServiceManager | null): string {
  if (!service) return 'none detected (a plain process)';
  switch (service.kind) {
    case 'systemd':
      return service.scope === 'user'
        ? `systemd user unit ${service.unit}${service.uid === null ? '' : ` (uid ${service.uid})`}`
        : `systemd unit ${service.unit}`;
    case 'docker':
      return `Docker container ${service.containerId.slice(0, 12)}`;
    case 'pm2':
      return `pm2 app ${service.name ?? '?'} (id ${service.id})`;
    case 'windows-service':
      return `Windows service ${service.name}`;
  }
}
