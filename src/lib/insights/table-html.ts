/**
 * The markup of figure tables. The server renders them, the browser re-renders them when a
 * reader filters, and each chart reads its numbers back from its table: one function makes
 * the markup for all three, so a chart and its table cannot disagree.
 */

export interface TableCell {
  /** What the chart and tests read; null for no value (or a text-only cell). */
  value: number | null;
  text: string;
}

export interface TableColumn {
  key: string;
  label: string;
  /** Whether the chart draws this column (other columns are only read). */
  series: boolean;
}

export interface TableRow {
  key: string;
  label: string;
  href?: string;
  cells: TableCell[];
}

export interface TableModel {
  caption: string;
  rowHeader: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** Said in place of rows when there are none. */
  empty: string;
}

export interface Stat {
  key: string;
  label: string;
  value: number | null;
  text: string;
  /** A second line: an interval, or what was left out. */
  detail?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const dataValue = (value: number | null) => `data-value="${value === null ? '' : value}"`;

/** Inner HTML of the `<table>`: caption, header and body; the chart reads `data-*` back. */
export function tableHtml(model: TableModel): string {
  const head = [
    `<th scope="col">${escapeHtml(model.rowHeader)}</th>`,
    ...model.columns.map(
      (column) =>
        `<th scope="col" data-col="${escapeHtml(column.key)}"${column.series ? ' data-series' : ''}>${escapeHtml(column.label)}</th>`,
    ),
  ].join('');
  const body = model.rows.length
    ? model.rows
        .map((row) => {
          const label = row.href
            ? `<a href="${escapeHtml(row.href)}">${escapeHtml(row.label)}</a>`
            : escapeHtml(row.label);
          const cells = row.cells
            .map(
              (cell, i) =>
                `<td data-col="${escapeHtml(model.columns[i].key)}" ${dataValue(cell.value)} data-label="${escapeHtml(model.columns[i].label)}">${escapeHtml(cell.text)}</td>`,
            )
            .join('');
          return `<tr data-key="${escapeHtml(row.key)}"><th scope="row">${label}</th>${cells}</tr>`;
        })
        .join('')
    : `<tr><td colspan="${model.columns.length + 1}" class="muted">${escapeHtml(model.empty)}</td></tr>`;
  return `<caption>${escapeHtml(model.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
}

/** Inner HTML of the headline `<dl>`. */
export function statsHtml(stats: Stat[]): string {
  return stats
    .map(
      (stat) =>
        `<div data-stat="${stat.key}"><dt>${escapeHtml(stat.label)}</dt><dd ${dataValue(stat.value)}>${escapeHtml(stat.text)}</dd>${
          stat.detail ? `<dd class="detail">${escapeHtml(stat.detail)}</dd>` : ''
        }</div>`,
    )
    .join('');
}
