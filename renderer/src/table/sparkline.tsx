/** A tiny two-series chart of a row's recent send/receive rates. */
import { memo } from 'react';
import type { RateSeries } from '../store/rate-history';
import { useClock } from './clock';

const W = 60;
const H = 14;

function points(values: number[], peak: number): string {
  if (values.length < 2) return '';
  const step = W / (values.length - 1);
  return values
    .map((value, i) => `${(i * step).toFixed(1)},${(H - 1 - (value / peak) * (H - 2)).toFixed(1)}`)
    .join(' ');
}

/** Props of Sparkline. */
export interface SparklineProps {
  history: RateSeries | null;
  /** The row has byte counters (an idle one draws a flat line; one without draws nothing). */
  counted: boolean;
}

const IDLE = (
  <svg className="sparkline" width={W} height={H} aria-hidden="true">
    <line x1={0} x2={W} y1={H - 1} y2={H - 1} className="sparkline__idle" />
  </svg>
);

/**
 * The sparkline. A row without traffic yet draws a flat line and never redraws; one with a
 * history redraws on the store clock (see clock.tsx), not through its row: a new sample then
 * repaints this cell only, and the rest of an unchanged row is not rendered again.
 */
export const Sparkline = memo(function Sparkline({ history, counted }: SparklineProps) {
  if (!counted) return null;
  return history ? <LiveSparkline history={history} /> : IDLE;
});

const LiveSparkline = memo(function LiveSparkline({ history }: { history: RateSeries }) {
  useClock();
  const { send, receive } = history.series();
  const peak = Math.max(0, ...send, ...receive);
  if (send.length < 2 || peak === 0) return IDLE;
  return (
    <svg className="sparkline" width={W} height={H} aria-hidden="true">
      <polyline points={points(receive, peak)} className="sparkline__receive" />
      <polyline points={points(send, peak)} className="sparkline__send" />
    </svg>
  );
});
