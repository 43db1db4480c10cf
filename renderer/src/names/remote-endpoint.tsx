/** The remote column's cell: the address, and beside it its host name or range label (from `names`). */
import type { SocketRow } from '@contract/model';
import { useSyncExternalStore } from 'react';
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

/** The cell. */
export function RemoteEndpoint({ row }: { row: SocketRow }) {
  const names = useRemoteNames();
  useSyncExternalStore(names.subscribe, names.getVersion);
  const name = row.remoteAddress === null ? undefined : names.get(row.remoteAddress);
  const endpoint = <Endpoint address={row.remoteAddress} port={row.remotePort} family={row.family} />;
  if (!name) return endpoint;
  // The name is drawn by CSS from data-name, so the cell's text stays the address (what filters,
  // copies and tests read); the title carries it for hover and assistive technology.
  return (
    <span
      className="remote-name"
      title={`${row.remoteAddress}:${row.remotePort ?? ''} — ${name}`}
      data-name={name}
      data-testid="remote-name"
    >
      {endpoint}
    </span>
  );
}
