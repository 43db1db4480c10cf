/** The services every component may use: the API, the live store, the toasts. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PortLensApi } from '@contract/api';
import type { LiveStore, StoreStatus } from '../store/live-store';
import type { ToastStore } from '../ui/toast-store';

/** The app's services, created once in main.tsx. */
export interface Services {
  api: PortLensApi;
  store: LiveStore;
  toasts: ToastStore;
}

/** Provides the services. */
export const ServicesContext = createContext<Services | null>(null);

/** The services; throws outside the provider (a programming error). */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}

/** Re-renders on every store update; returns its version. */
export function useStoreVersion(store: LiveStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}

/** Re-renders when the store's status changes. */
export function useStoreStatus(store: LiveStore): StoreStatus {
  return useSyncExternalStore(store.subscribe, store.getStatus);
}
