/**
 * What a port number usually means: IANA's category, the system's services database
 * (/etc/services) and a short table of the ports developers meet every day, with the ones that
 * must never face a network unprotected marked (the audit's warning list).
 */
import { readFileSync } from 'node:fs';

/** IANA's three ranges (RFC 6335). */
export type PortCategory = 'well-known' | 'registered' | 'dynamic';

export function portCategory(port: number): PortCategory {
  if (port <= 1023) return 'well-known';
  if (port <= 49151) return 'registered';
  return 'dynamic';
}

export const CATEGORY_WORDS: Record<PortCategory, string> = {
  'well-known': 'a well-known port (0–1023): system services; binding it needs root or CAP_NET_BIND_SERVICE',
  registered: 'a registered port (1024–49151): IANA lists services for many of them; any program may bind one',
  dynamic: "in IANA's dynamic (private) range (49152–65535): never assigned to a service, used for temporary ports",
};

/** A developer port: what usually listens there, and whether exposing it is dangerous. */
export interface DeveloperPort {
  name: string;
  note: string;
  /** `never-expose`: an unauthenticated service by default; `dev-server`: a development server. */
  risk: 'never-expose' | 'dev-server' | null;
}

export const DEVELOPER_PORTS: ReadonlyMap<number, DeveloperPort> = new Map<number, DeveloperPort>([
  [2375, { name: 'docker', note: 'Docker Engine API without TLS: whoever reaches it is root on this machine', risk: 'never-expose' }],
  [2376, { name: 'docker-tls', note: 'Docker Engine API over TLS', risk: null }],
  [3000, { name: 'dev-server', note: 'Node/React/Next.js, Rails and Grafana development servers', risk: 'dev-server' }],
  [3001, { name: 'dev-server', note: 'a second Node/React development server', risk: 'dev-server' }],
  [3306, { name: 'mysql', note: 'MySQL / MariaDB', risk: 'never-expose' }],
  [4200, { name: 'angular', note: 'Angular CLI development server (ng serve)', risk: 'dev-server' }],
  [5000, { name: 'dev-server', note: 'Flask and ASP.NET development servers (AirPlay on macOS)', risk: 'dev-server' }],
  [5173, { name: 'vite', note: 'Vite development server', risk: 'dev-server' }],
  [5432, { name: 'postgresql', note: 'PostgreSQL', risk: 'never-expose' }],
  [5984, { name: 'couchdb', note: 'CouchDB', risk: 'never-expose' }],
  [6006, { name: 'storybook', note: 'Storybook or TensorBoard', risk: 'dev-server' }],
  [6379, { name: 'redis', note: 'Redis: no password by default', risk: 'never-expose' }],
  [8000, { name: 'dev-server', note: 'Django, python -m http.server and other development servers', risk: 'dev-server' }],
  [8080, { name: 'http-alt', note: 'alternate HTTP: Tomcat, proxies, development servers', risk: 'dev-server' }],
  [8888, { name: 'jupyter', note: 'Jupyter notebook: runs code for whoever holds its token', risk: 'dev-server' }],
  [9200, { name: 'elasticsearch', note: 'Elasticsearch HTTP API', risk: 'never-expose' }],
  [9229, { name: 'node-inspector', note: 'Node.js inspector (--inspect): runs any code sent to it', risk: 'never-expose' }],
  [11211, { name: 'memcached', note: 'Memcached: no authentication', risk: 'never-expose' }],
  [27017, { name: 'mongodb', note: 'MongoDB', risk: 'never-expose' }],
]);

/** Warning-list databases and caches named in /etc/services but not in the table above. */
const NEVER_EXPOSE_SERVICES = new Set(['ms-sql-s', 'mysql', 'postgresql', 'redis', 'mongodb', 'memcache', 'epmd']);

let services: Map<string, string[]> | null = null;

/** Service names for `port/protocol` from /etc/services (read once); empty when absent. */
export function serviceNames(port: number, protocol: 'tcp' | 'udp' = 'tcp', file = '/etc/services'): string[] {
  services ??= readServices(file);
  return services.get(`${port}/${protocol}`) ?? [];
}

function readServices(file: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return map;
  }
  for (const line of text.split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    const [name, portProto, ...aliases] = fields;
    if (!name || !portProto || !/^\d+\/(tcp|udp)$/.test(portProto)) continue;
    const names = map.get(portProto) ?? [];
    for (const n of [name, ...aliases]) if (!names.includes(n)) names.push(n);
    map.set(portProto, names);
  }
  return map;
}

/** The warning for a service that should never face a network unprotected, else null. */
export function exposureWarning(port: number, protocol: 'tcp' | 'udp' = 'tcp'): string | null {
  const known = DEVELOPER_PORTS.get(port);
  if (known?.risk === 'never-expose') return `${known.note}; it should never face a network unprotected`;
  if (known?.risk === 'dev-server') return `${known.note}; development servers are not built to face a network`;
  const name = serviceNames(port, protocol).find((n) => NEVER_EXPOSE_SERVICES.has(n));
  return name ? `${name} should never face a network unprotected` : null;
}
