/** A tiny two-series chart of a row's recent send/receive rates. */
import { memo, useContext } from 'react';
import type { RateSeries } from '../store/rate-history';
import { ClockContext } from './clock';

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

/**
 * The sparkline. It redraws on the store clock (a context), not through its row: a new sample
 * then repaints this cell only, and the rest of an unchanged row is not rendered again.
 */
export const Sparkline = memo(function Sparkline({ history, counted }: SparklineProps) {
  useContext(ClockContext);
  if (!counted) return null;
  const peak = history?.peak() ?? 0;
  if (!history || history.size < 2 || peak === 0) {
    return (
      <svg className="sparkline" width={W} height={H} aria-hidden="true">
        <line x1={0} x2={W} y1={H - 1} y2={H - 1} className="sparkline__idle" />
      </svg>
    );
  }
  const { send, receive } = history.series();
  return (
    <svg className="sparkline" width={W} height={H} aria-hidden="true">
      <polyline points={points(receive, peak)} className="sparkline__receive" />
      <polyline points={points(send, peak)} className="sparkline__send" />
    </svg>
  );
});
