/**
 * The Processes view's data: traffic per process from the live rows (contract/traffic.ts), and a
 * short rate history per process, one sample per poll, for its sparkline.
 */
import { trafficByProcess, type ProcessTraffic } from '@contract/traffic';
import type { SocketRow } from '@contract/model';
import { RateHistory, type RateSeries } from '../store/rate-history';
import type { SocketData } from '../store/socket-data';

/** Samples per process (one per poll). */
const SAMPLES = 30;

/** Keeps each process's recent rates while the view is open. */
export class ProcessRates {
  private readonly histories = new Map<number, RateHistory>();
  private lastSeq = -1;

  /** The processes, busiest first; samples their rates once per poll (snapshot seq). */
  read(data: SocketData): ProcessTraffic[] {
    const rows: SocketRow[] = [];
    for (const entry of data.rows.values()) if (entry.closingAt === null) rows.push(entry.row);
    const list = trafficByProcess(rows, (pid) => data.process(pid));
    if (data.meta.seq !== this.lastSeq) {
      this.lastSeq = data.meta.seq;
      const seen = new Set<number>();
      for (const p of list) {
        seen.add(p.pid);
        let history = this.histories.get(p.pid);
        if (!history) this.histories.set(p.pid, (history = new RateHistory(SAMPLES)));
        history.push(p.sendRate, p.receiveRate);
      }
      for (const pid of this.histories.keys()) if (!seen.has(pid)) this.histories.delete(pid);
    }
    return list;
  }

  /** A fresh view of a process's samples (a new object each read, so the sparkline redraws). */
  series(pid: number): RateSeries | null {
    const history = this.histories.get(pid);
    if (!history) return null;
    return { size: history.size, series: () => history.series(), peak: () => history.peak() };
  }
}
