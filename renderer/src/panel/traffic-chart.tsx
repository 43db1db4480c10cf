/** The owner panel's traffic chart: summed send/receive rates of a process, last ~60 samples. */
import type { RateHistory } from '../store/rate-history';
import { PROCESS_HISTORY } from '../store/socket-data';
import { formatRate } from '../table/format';

const W = 400;
const H = 84;
const PAD_TOP = 6;

function path(values: number[], peak: number, closed: boolean): string {
  if (values.length === 0) return '';
  const step = W / (PROCESS_HISTORY - 1);
  // Newest sample at the right edge; a short history starts part-way in.
  const offset = (PROCESS_HISTORY - values.length) * step;
  const y = (value: number) => H - (value / peak) * (H - PAD_TOP);
  const points = values.map((value, i) => `${(offset + i * step).toFixed(1)},${y(value).toFixed(1)}`);
  const line = `M${points.join('L')}`;
  return closed ? `${line}L${W},${H}L${offset.toFixed(1)},${H}Z` : line;
}

/** Props of TrafficChart; `revision` redraws it as samples arrive. */
export interface TrafficChartProps {
  history: RateHistory | null;
  revision: number;
}

/** The chart, with a legend of the latest rates and the scale. */
export function TrafficChart({ history }: TrafficChartProps) {
  const { send, receive } = history?.series() ?? { send: [], receive: [] };
  const peak = Math.max(1, history?.peak() ?? 0);
  const hasData = send.length > 1;
  return (
    <figure className="traffic-chart" data-testid="traffic-chart">
      <figcaption className="traffic-chart__legend">
        <span className="legend legend--send">↑ {formatRate(send.at(-1) ?? 0) || '0'}</span>
        <span className="legend legend--receive">↓ {formatRate(receive.at(-1) ?? 0) || '0'}</span>
        <span className="spacer" />
        <span className="dim">
          peak {formatRate(history?.peak() ?? 0) || '0'} · last {PROCESS_HISTORY} samples
        </span>
      </figcaption>
      <svg
        className="traffic-chart__svg"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Traffic: sending ${formatRate(send.at(-1) ?? 0) || '0'}, receiving ${formatRate(receive.at(-1) ?? 0) || '0'}`}
      >
        <line x1={0} x2={W} y1={PAD_TOP} y2={PAD_TOP} className="traffic-chart__grid" />
        <line x1={0} x2={W} y1={(H + PAD_TOP) / 2} y2={(H + PAD_TOP) / 2} className="traffic-chart__grid" />
        {hasData && (
          <>
            <path
              d={path(receive, peak, true)}
              className="traffic-chart__area traffic-chart__area--receive"
            />
            <path
              d={path(receive, peak, false)}
              className="traffic-chart__line traffic-chart__line--receive"
            />
            <path d={path(send, peak, true)} className="traffic-chart__area traffic-chart__area--send" />
            <path d={path(send, peak, false)} className="traffic-chart__line traffic-chart__line--send" />
          </>
        )}
      </svg>
      {!hasData && (
        <p className="traffic-chart__empty dim">
          Collecting samples… (UDP sockets and /proc sources have no byte counters)
        </p>
      )}
    </figure>
  );
}
