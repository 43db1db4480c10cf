/**
 * The owner panel's traffic chart: summed send/receive rates of a process, last ~60 samples, on
 * a log scale with labelled gridlines (see rate-scale.ts), so a trickle shows beside a flood.
 */
import type { RateHistory } from '../store/rate-history';
import { PROCESS_HISTORY } from '../store/socket-data';
import { formatRate } from '../table/format';
import { rateScale, scaleTicks, scaleTop } from '../table/rate-scale';

const W = 400;
const H = 84;
const PAD_TOP = 8;

/** The chart's y for a rate, in viewBox units. */
function yOf(value: number, top: number): number {
  return H - rateScale(value, top) * (H - PAD_TOP);
}

function path(values: number[], top: number, closed: boolean): string {
  if (values.length === 0) return '';
  const step = W / (PROCESS_HISTORY - 1);
  // Newest sample at the right edge; a short history starts part-way in.
  const offset = (PROCESS_HISTORY - values.length) * step;
  const points = values.map((value, i) => `${(offset + i * step).toFixed(1)},${yOf(value, top).toFixed(1)}`);
  const line = `M${points.join('L')}`;
  return closed ? `${line}L${W},${H}L${offset.toFixed(1)},${H}Z` : line;
}

/** Props of TrafficChart; `revision` redraws it as samples arrive. */
export interface TrafficChartProps {
  history: RateHistory | null;
  revision: number;
}

/** The chart, with a legend of the latest rates, and the scale's labels beside its gridlines. */
export function TrafficChart({ history }: TrafficChartProps) {
  const { send, receive } = history?.series() ?? { send: [], receive: [] };
  const peak = history?.peak() ?? 0;
  const top = scaleTop(peak);
  const ticks = scaleTicks(top);
  const hasData = send.length > 1;
  return (
    <figure className="traffic-chart" data-testid="traffic-chart">
      <figcaption className="traffic-chart__legend">
        <span className="legend legend--send">↑ {formatRate(send.at(-1) ?? 0) || '0'}</span>
        <span className="legend legend--receive">↓ {formatRate(receive.at(-1) ?? 0) || '0'}</span>
        <span className="spacer" />
        <span className="dim">
          peak {formatRate(peak) || '0'} · last {PROCESS_HISTORY} samples · log scale
        </span>
      </figcaption>
      <div className="traffic-chart__plot">
        <svg
          className="traffic-chart__svg"
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Traffic: sending ${formatRate(send.at(-1) ?? 0) || '0'}, receiving ${formatRate(receive.at(-1) ?? 0) || '0'}`}
        >
          {ticks.map((tick) => (
            <line
              key={tick}
              x1={0}
              x2={W}
              y1={yOf(tick, top)}
              y2={yOf(tick, top)}
              className="traffic-chart__grid"
            />
          ))}
          {hasData && (
            <>
              <path
                d={path(receive, top, true)}
                className="traffic-chart__area traffic-chart__area--receive"
              />
              <path
                d={path(receive, top, false)}
                className="traffic-chart__line traffic-chart__line--receive"
              />
              <path d={path(send, top, true)} className="traffic-chart__area traffic-chart__area--send" />
              <path d={path(send, top, false)} className="traffic-chart__line traffic-chart__line--send" />
            </>
          )}
        </svg>
        {/* Labels in HTML, not in the stretched SVG, so their text keeps its shape. */}
        <div className="traffic-chart__axis" aria-hidden="true" data-testid="traffic-chart-axis">
          {ticks.map((tick) => (
            <span key={tick} style={{ top: `${(yOf(tick, top) / H) * 100}%` }}>
              {formatRate(tick)}
            </span>
          ))}
        </div>
      </div>
      {!hasData && (
        <p className="traffic-chart__empty dim">
          Collecting samples… (UDP sockets and /proc sources have no byte counters)
        </p>
      )}
    </figure>
  );
}
