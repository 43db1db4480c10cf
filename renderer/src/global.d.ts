/** Globals the renderer reads: the API the preload (or the web transport) provides. */
import type { PortLensApi } from '@contract/api';
import type { PerfRecord } from './store/perf';

declare global {
  interface Window {
    /** Set by Electron's preload; in browser mode main.tsx sets it from the web transport. */
    portlens?: PortLensApi;
    /** Commit timings for the benchmark script (see store/perf.ts). */
    __portlensPerf?: PerfRecord;
  }
}

export {};
