/** A tiny two-series chart of a row's recent send/receive rates. */
import { memo } from 'react';
import type { RateSeries } from '../store/rate-history';
import { useClock } from './clock';
import { formatRate } from './format';
import { rateScale, scaleTop } from './rate-scale';

const W = 60;
const H = 14;

/** The polyline of a series on a log scale up to `top` (a 1 KiB/s line beside 1 MiB/s stays visible). */
function points(values: number[], top: number): string {
  if (values.length < 2) return '';
  const step = W / (values.length - 1);
  return values
    .map((value, i) => `${(i * step).toFixed(1)},${(H - 1 - rateScale(value, top) * (H - 2)).toFixed(1)}`)
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
  const top = scaleTop(peak);
  return (
    <svg className="sparkline" width={W} height={H} aria-hidden="true">
      <title>{`Log scale, top ${formatRate(top)} · peak ${formatRate(peak)}`}</title>
      <polyline points={points(receive, top)} className="sparkline__receive" />
      <polyline points={points(send, top)} className="sparkline__send" />
    </svg>
  );
});
