import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';

/** A chart and the same data as a table, behind a toggle that says which one is shown. */
export function ChartWithTable(props: { title: string; chart: ReactNode; table: ReactNode; actions?: ReactNode }) {
  const { t } = useI18n();
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section className="card analytics-chart" aria-labelledby={`${id}-title`}>
      <header className="analytics-chart__header">
        <h2 id={`${id}-title`} className="analytics-chart__title">
          {props.title}
        </h2>
        <div className="analytics-chart__actions">
          {props.actions}
          <Button variant="ghost" aria-pressed={asTable} onClick={() => setAsTable((value) => !value)}>
            {asTable ? t('analytics.showChart') : t('analytics.showTable')}
          </Button>
        </div>
      </header>
      {asTable ? props.table : props.chart}
    </section>
  );
}

export type SeriesPoint = { label: string; value: number | null };

/**
 * A line chart of one series on a fixed 640 × 220 canvas, in hand-written SVG. Points without a number (not
 * reported) break the line instead of dropping it to 0.
 */
export function LineChart(props: { points: SeriesPoint[]; label: string; format: (value: number) => string }) {
  const [width, height, left, right, top, bottom] = [640, 220, 56, 12, 12, 28];
  const values = props.points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const max = Math.max(1, ...values);
  const step = props.points.length > 1 ? (width - left - right) / (props.points.length - 1) : 0;
  const x = (index: number) => left + index * step;
  const y = (value: number) => top + (height - top - bottom) * (1 - value / max);
  const segments: string[] = [];
  let current = '';
  props.points.forEach((point, index) => {
    if (point.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? ' L' : 'M'}${x(index).toFixed(1)},${y(point.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const first = props.points[0];
  const last = props.points.at(-1);
  return (
    <svg
      className="line-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={props.label}
      preserveAspectRatio="none"
    >
      {[0, 0.5, 1].map((share) => (
        <g key={share}>
          <line className="chart-grid" x1={left} x2={width - right} y1={y(max * share)} y2={y(max * share)} />
          <text className="chart-axis" x={left - 6} y={y(max * share) + 4} textAnchor="end">
            {props.format(max * share)}
          </text>
        </g>
      ))}
      {segments.map((path) => (
        <path key={path} className="line-chart__line" d={path} />
      ))}
      {props.points.map((point, index) =>
        point.value === null ? null : (
          <circle key={point.label} className="line-chart__dot" cx={x(index)} cy={y(point.value)} r={2.5}>
            <title>{`${point.label}: ${props.format(point.value)}`}</title>
          </circle>
        ),
      )}
      {first && (
        <text className="chart-axis" x={left} y={height - 8}>
          {first.label}
        </text>
      )}
      {last && props.points.length > 1 && (
        <text className="chart-axis" x={width - right} y={height - 8} textAnchor="end">
          {last.label}
        </text>
      )}
    </svg>
  );
}

/** Horizontal bars, one per row, scaled to the largest; rows without a number show the text instead. */
export function BarChart(props: {
  rows: { key: string; label: string; value: number | null; text: string }[];
  label: string;
}) {
  const rowHeight = 28;
  const [width, labelWidth, valueWidth] = [640, 170, 110];
  const max = Math.max(1e-9, ...props.rows.flatMap((row) => (row.value === null ? [] : [row.value])));
  const height = Math.max(rowHeight, props.rows.length * rowHeight);
  const barSpace = width - labelWidth - valueWidth;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label}>
      {props.rows.map((row, index) => {
        const barWidth = row.value === null ? 0 : Math.max(1, (row.value / max) * barSpace);
        const middle = index * rowHeight + rowHeight / 2;
        return (
          <g key={row.key}>
            <text className="chart-label" x={labelWidth - 8} y={middle + 4} textAnchor="end">
              {row.label}
            </text>
            <rect className="bar-chart__bar" x={labelWidth} y={middle - 9} width={barWidth} height={18} rx={3} />
            <text className="chart-value" x={labelWidth + barWidth + 6} y={middle + 4}>
              {row.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
