/**
 * The address columns' cells: the remote address with its host name or range label beside it,
 * and a listening local port with its service name (both from `names`).
 */
import type { SocketRow } from '@contract/model';
import { useSyncExternalStore, type ReactNode } from 'react';
import { useServices } from '../app/app-context';
import { Endpoint } from '../table/cells';
import { RemoteNames } from './remote-names';
import './names.css';

const caches = new WeakMap<object, RemoteNames>();

function useRemoteNames(): RemoteNames {
  const { api, store } = useServices();
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new RemoteNames(api, store.data)));
  return cache;
}

/** The name drawn beside an endpoint (see RemoteEndpoint), or the endpoint alone. */
function Named({
  endpoint,
  name,
  title,
  testId,
}: {
  endpoint: ReactNode;
  name: string | undefined;
  title: string;
  testId: string;
}) {
  if (!name) return endpoint;
  return (
    <span className="remote-name" title={title} data-name={name} data-testid={testId}>
      {endpoint}
    </span>
  );
}

/** The local column's cell: a listening (or unconnected) port shows its service name. */
export function LocalEndpoint({ row }: { row: SocketRow }) {
  const names = useRemoteNames();
  useSyncExternalStore(names.subscribe, names.getVersion);
  const service = row.remoteAddress === null ? names.service(row.localPort, row.protocol) : undefined;
  const endpoint = <Endpoint address={row.localAddress} port={row.localPort} family={row.family} />;
  return (
    <Named
      endpoint={endpoint}
      name={service}
      title={`port ${row.localPort}/${row.protocol}: ${service} (services database)`}
      testId="service-name"
    />
  );
}

/** The remote column's cell. */
export function RemoteEndpoint({ row }: { row: SocketRow }) {
  const names = useRemoteNames();
  useSyncExternalStore(names.subscribe, names.getVersion);
  const name = row.remoteAddress === null ? undefined : names.get(row.remoteAddress);
  const endpoint = <Endpoint address={row.remoteAddress} port={row.remotePort} family={row.family} />;
  // The name is drawn by CSS from data-name, so the cell's text stays the address (what filters,
  // copies and tests read); the title carries it for hover and assistive technology.
  const title = `${row.remoteAddress}:${row.remotePort ?? ''} — ${name}`;
  return <Named endpoint={endpoint} name={name} title={title} testId="remote-name" />;
}
