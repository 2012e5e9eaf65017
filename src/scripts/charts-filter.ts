/**
 * The insights page's year-range and root-cause selector: re-computes every figure for the
 * chosen slice from the cube embedded in the page, re-renders the tables, then re-draws the
 * charts from those tables. The slice is kept in the URL so it can be shared.
 */
import { figuresFromCube, fullFilter, type Filter, type InsightsCube } from '../lib/insights/aggregates.ts';
import {
  figureNotes,
  statsHtml,
  statsModel,
  tableHtml,
  tableModels,
  type FigureKey,
} from '../lib/insights/figure-tables.ts';
import { routes, withBase } from '../lib/site/routes.ts';
import type { RootCauseCategory } from '../lib/core/taxonomy.ts';
import { drawAll } from './charts.ts';

const root = document.querySelector<HTMLElement>('[data-insights]');
const source = root?.querySelector('script[data-cube]');
const form = root?.querySelector<HTMLFormElement>('form[data-insights-filter]');

if (root && source && form) {
  const cube = JSON.parse(source.textContent ?? '') as InsightsCube;
  const base = root.dataset.base ?? '/';
  const everything = fullFilter(cube);
  const summary = form.querySelector('output');

  const read = (params: URLSearchParams | FormData): Filter => {
    const year = (name: string, fallback: number) => {
      const value = Number(params.get(name));
      return cube.years.includes(value) ? value : fallback;
    };
    let from = year('from', everything.from);
    let to = year('to', everything.to);
    if (from > to) [from, to] = [to, from];
    const category = String(params.get('category') ?? '');
    return {
      from,
      to,
      category: (cube.categories as string[]).includes(category) ? (category as RootCauseCategory) : null,
    };
  };

  const apply = (filter: Filter) => {
    const figures = figuresFromCube(cube, filter);
    const models = tableModels(figures, (id) => withBase(base, routes.postmortem(id)));
    const notes = figureNotes(figures);
    for (const table of root.querySelectorAll<HTMLTableElement>('table[data-table]')) {
      table.innerHTML = tableHtml(models[table.dataset.table as FigureKey]);
    }
    for (const figure of root.querySelectorAll<HTMLElement>('figure[data-chart]')) {
      const note = figure.querySelector<HTMLElement>('[data-note]');
      const text = notes[figure.dataset.chart as FigureKey];
      if (note && text !== undefined) {
        note.textContent = text;
        note.hidden = text === '';
      }
    }
    const stats = root.querySelector('[data-stats]');
    if (stats) stats.innerHTML = statsHtml(statsModel(figures));
    if (summary) {
      const years = filter.from === filter.to ? `${filter.from}` : `${filter.from}–${filter.to}`;
      const label = filter.category
        ? form.querySelector<HTMLOptionElement>(`option[value="${filter.category}"]`)?.textContent
        : null;
      summary.textContent = `${figures.count} postmortem${figures.count === 1 ? '' : 's'}, ${years}${label ? `, root cause ${label.replace(/ \(\d+\)$/, '')}` : ''}.`;
    }
    drawAll(root);
  };

  const show = (filter: Filter) => {
    (form.elements.namedItem('from') as HTMLSelectElement).value = String(filter.from);
    (form.elements.namedItem('to') as HTMLSelectElement).value = String(filter.to);
    (form.elements.namedItem('category') as HTMLSelectElement).value = filter.category ?? '';
  };

  const toUrl = (filter: Filter) => {
    const url = new URL(location.href);
    const set = (name: string, value: string | null) =>
      value === null ? url.searchParams.delete(name) : url.searchParams.set(name, value);
    set('from', filter.from === everything.from ? null : String(filter.from));
    set('to', filter.to === everything.to ? null : String(filter.to));
    set('category', filter.category);
    history.replaceState(null, '', url);
  };

  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', () => {
    const filter = read(new FormData(form));
    show(filter);
    toUrl(filter);
    apply(filter);
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    show(everything);
    toUrl(everything);
    apply(everything);
  });

  const initial = read(new URL(location.href).searchParams);
  show(initial);
  if (initial.from !== everything.from || initial.to !== everything.to || initial.category !== null) apply(initial);
  else if (summary)
    summary.textContent = `${cube.cells.all?.reduce((sum, cell) => sum + (cell?.n ?? 0), 0) ?? 0} postmortems, all years.`;
}
