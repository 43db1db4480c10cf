/** A tiny two-series chart of a row's recent send/receive rates. */
import { memo } from 'react';
import type { RateHistory } from '../store/rate-history';

const W = 60;
const H = 14;

function points(values: number[], peak: number): string {
  if (values.length < 2) return '';
  const step = W / (values.length - 1);
  return values
    .map((value, i) => `${(i * step).toFixed(1)},${(H - 1 - (value / peak) * (H - 2)).toFixed(1)}`)
    .join(' ');
}

/** Props of Sparkline; `revision` re-renders it when the history grows. */
export interface SparklineProps {
  history: RateHistory | null;
  revision: number;
  /** The row has byte counters (an idle one draws a flat line; one without draws nothing). */
  counted: boolean;
}

/** The sparkline. */
export const Sparkline = memo(function Sparkline({ history, counted }: SparklineProps) {
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
