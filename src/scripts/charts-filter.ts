/**
 * The insights page's controls: the year-range and root-cause filter, a breakdown by severity
 * or root cause under each distribution, and the two periods compared. The page's records are
 * fetched on first use and every figure is computed again by the same functions the build
 * used, so the numbers agree; tables are re-rendered, then charts re-drawn from them. The
 * filter is kept in the URL so a slice can be shared.
 */
import { decodeRecords, type EncodedRecords, type IncidentRecord } from '../lib/insights/records.ts';
import { applyFilter, computeFigures, NO_FILTER, type Filter } from '../lib/insights/figures.ts';
import { distributionFigure, MEASURE_KEYS, type GroupBy, type Measure } from '../lib/insights/distributions.ts';
import { comparePeriods, rangeLabel, type YearRange } from '../lib/insights/comparison.ts';
import { PERIOD_KEYS, periodParam, periodsFromUrl, type PeriodKey } from '../lib/insights/period-url.ts';
import {
  comparisonTable,
  distributionCurve,
  distributionSummary,
  figureNotes,
  missingNote,
  statsHtml,
  statsModel,
  tableHtml,
  tableModels,
  type NoteKey,
  type TableKey,
  type TableModel,
} from '../lib/insights/figure-tables.ts';
import { rootCauseCategories, keysOf, type RootCauseCategory } from '../lib/core/taxonomy.ts';
import { NO_VALUE } from '../lib/insights/no-value.ts';
import { drawAll } from './charts.ts';

const root = document.querySelector<HTMLElement>('[data-insights]');
const form = root?.querySelector<HTMLFormElement>('form[data-insights-filter]');
const comparison = document.querySelector<HTMLElement>('figure[data-comparison]');

if (root && form) {
  const nowMs = Number(root.dataset.now);
  const summary = form.querySelector('output');
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
  const first = Number(select('from').options[0]?.value);
  const last = Number(select('to').options[select('to').options.length - 1]?.value);
  let records: Promise<IncidentRecord[]> | undefined;
  /** Each service's name in the catalog, from the records file, so re-drawn figures label them as the page did. */
  const serviceNames = new Map<string, string>();
  const serviceName = (slug: string) => serviceNames.get(slug) ?? slug;
  const load = () =>
    (records ??= fetch(root.dataset.records!)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} fetching ${response.url}`);
        return response.json() as Promise<EncodedRecords>;
      })
      .then((encoded) => {
        encoded.services.forEach((slug, i) => serviceNames.set(slug, encoded.serviceNames?.[i] ?? slug));
        return decodeRecords(encoded);
      }));

  const read = (params: URLSearchParams | FormData): Filter => {
    const year = (name: string, fallback: number) => {
      const value = Number(params.get(name));
      return params.get(name) !== null && Number.isInteger(value) ? value : fallback;
    };
    let from = year('from', first);
    let to = year('to', last);
    if (from > to) [from, to] = [to, from];
    const category = String(params.get('category') ?? '');
    return {
      years: from <= first && to >= last ? null : { from, to },
      category:
        category === NO_VALUE
          ? NO_VALUE
          : (keysOf(rootCauseCategories) as string[]).includes(category)
            ? (category as RootCauseCategory)
            : null,
    };
  };
  const breakdownOf = (measure: Measure): GroupBy =>
    (root.querySelector<HTMLSelectElement>(`select[data-breakdown="${measure}"]`)?.value as GroupBy) ?? 'none';
  const noteKey = (figure: string): NoteKey => (figure.startsWith('km-') ? 'follow-through' : (figure as NoteKey));
  const describe = (filter: Filter, count: number) => {
    const years = filter.years ? rangeLabel(filter.years) : 'all years';
    const label = filter.category ? select('category').selectedOptions[0]?.textContent?.replace(/ \(\d+\)$/, '') : null;
    return `${count} postmortem${count === 1 ? '' : 's'}, ${years}${label ? `, root cause ${label}` : ''}.`;
  };

  /** A table's new numbers, and its scroll region named after its new caption. */
  const showTable = (table: HTMLTableElement, model: TableModel) => {
    table.innerHTML = tableHtml(model);
    table.closest('[role="region"]')?.setAttribute('aria-label', `Table: ${model.caption}`);
  };

  const apply = async (filter: Filter) => {
    root.dataset.state = 'loading';
    const all = await load();
    const figures = computeFigures(all, filter, { nowMs, serviceName });
    const models = tableModels(figures);
    const notes = figureNotes(figures);
    const kept = applyFilter(all, filter);
    for (const measure of MEASURE_KEYS) {
      const groupBy = breakdownOf(measure);
      if (groupBy === 'none') continue;
      const grouped = distributionFigure(kept, measure, groupBy);
      models[`summary-${measure}`] = distributionSummary(grouped);
      models[`curve-${measure}`] = distributionCurve(grouped);
      notes[measure] = missingNote(grouped);
    }
    for (const table of root.querySelectorAll<HTMLTableElement>('table[data-table]')) {
      const model = models[table.dataset.table as TableKey];
      if (model) showTable(table, model);
    }
    for (const figure of root.querySelectorAll<HTMLElement>('figure[data-figure]')) {
      const note = figure.querySelector<HTMLElement>('[data-note]');
      const text = notes[noteKey(figure.dataset.figure!)];
      if (note && text !== undefined) {
        note.textContent = text;
        note.hidden = text === '';
      }
    }
    const stats = root.querySelector('[data-stats]');
    if (stats) stats.innerHTML = statsHtml(statsModel(figures));
    if (summary) summary.textContent = describe(filter, figures.count);
    drawAll(root);
    if (comparison) compare(all, filter);
    root.dataset.state = 'ready';
  };

  const periodsForm = comparison?.querySelector<HTMLFormElement>('form[data-comparison-form]');
  const periodMenu = (name: string) => periodsForm!.elements.namedItem(name) as HTMLSelectElement;
  const chosenPeriod = (key: PeriodKey): YearRange => {
    const [from, to] = [Number(periodMenu(`${key}-from`).value), Number(periodMenu(`${key}-to`).value)];
    return from <= to ? { from, to } : { from: to, to: from };
  };
  // The periods the page was built with, for a link that names none.
  const defaultPeriods = periodsForm
    ? (Object.fromEntries(PERIOD_KEYS.map((key) => [key, chosenPeriod(key)])) as Record<PeriodKey, YearRange>)
    : undefined;
  /** The periods the link gives, shown in the menus; a period it gives wrongly is named above the table. */
  const showPeriods = (params: URLSearchParams) => {
    if (!periodsForm || !defaultPeriods) return false;
    const menu = periodMenu('a-from');
    const periods = [...menu.options].map((option, index) => ({
      from: Number(option.value),
      to: Number(periodMenu('a-to').options[index]!.value),
      label: option.text,
      gap: false,
    }));
    const { ranges, errors } = periodsFromUrl(params, periods);
    for (const key of PERIOD_KEYS) {
      const range = ranges[key] ?? defaultPeriods[key];
      periodMenu(`${key}-from`).value = String(range.from);
      periodMenu(`${key}-to`).value = String(range.to);
    }
    const error = comparison!.querySelector<HTMLElement>('[data-comparison-error]')!;
    error.textContent = errors.length ? `${errors.join(' ')} The default is shown instead.` : '';
    error.hidden = errors.length === 0;
    return Object.keys(ranges).length > 0;
  };

  const compare = (all: IncidentRecord[], filter: Filter) => {
    const [a, b] = [chosenPeriod('a'), chosenPeriod('b')];
    const figure = comparePeriods(applyFilter(all, { ...NO_FILTER, category: filter.category }), a, b);
    const table = comparison!.querySelector<HTMLTableElement>('table[data-table="comparison"]')!;
    showTable(table, comparisonTable(figure, { a: rangeLabel(a), b: rangeLabel(b) }));
  };

  const show = (filter: Filter) => {
    select('from').value = String(filter.years?.from ?? first);
    select('to').value = String(filter.years?.to ?? last);
    select('category').value = filter.category ?? '';
  };

  const toUrl = (filter: Filter) => {
    const url = new URL(location.href);
    const set = (name: string, value: string | null) =>
      value === null ? url.searchParams.delete(name) : url.searchParams.set(name, value);
    set('from', filter.years && filter.years.from !== first ? String(filter.years.from) : null);
    set('to', filter.years && filter.years.to !== last ? String(filter.years.to) : null);
    set('category', filter.category);
    for (const measure of MEASURE_KEYS) {
      const groupBy = breakdownOf(measure);
      set(`by-${measure}`, groupBy === 'none' ? null : groupBy);
    }
    history.replaceState(null, '', url);
  };

  const update = (filter: Filter) => {
    show(filter);
    toUrl(filter);
    return apply(filter);
  };
  const current = () => read(new FormData(form));
  const failed = (error: unknown) => {
    root.dataset.state = 'error';
    if (summary) summary.textContent = `The figures could not be re-computed: ${String(error)}`;
  };

  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', () => update(current()).catch(failed));
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    update({ ...NO_FILTER }).catch(failed);
  });
  // A breakdown by severity says beside it what the data show about severity and duration.
  const showSeverityNote = (breakdown: HTMLSelectElement) => {
    const note = root.querySelector<HTMLElement>(`[data-severity-note="${breakdown.dataset.breakdown}"]`);
    if (note) note.hidden = breakdown.value !== 'severity';
  };
  for (const breakdown of root.querySelectorAll<HTMLSelectElement>('select[data-breakdown]')) {
    breakdown.closest('label')!.hidden = false;
    breakdown.addEventListener('change', () => {
      showSeverityNote(breakdown);
      update(current()).catch(failed);
    });
  }
  if (periodsForm) {
    periodsForm.hidden = false;
    // A new pair of periods is a new history entry, so the back button returns to the last pair.
    periodsForm.addEventListener('change', () => {
      const url = new URL(location.href);
      for (const key of PERIOD_KEYS) url.searchParams.set(key, periodParam(chosenPeriod(key)));
      history.pushState(null, '', url);
      showPeriods(url.searchParams);
      apply(current()).catch(failed);
    });
  }
  addEventListener('popstate', () => {
    const params = new URL(location.href).searchParams;
    showPeriods(params);
    showBreakdowns(params);
    const filter = read(params);
    show(filter);
    apply(filter).catch(failed);
  });

  const showBreakdowns = (params: URLSearchParams) => {
    for (const measure of MEASURE_KEYS) {
      const wanted = params.get(`by-${measure}`) ?? 'none';
      const breakdown = root.querySelector<HTMLSelectElement>(`select[data-breakdown="${measure}"]`);
      if (breakdown && [...breakdown.options].some((option) => option.value === wanted)) breakdown.value = wanted;
      if (breakdown) showSeverityNote(breakdown);
    }
  };
  const params = new URL(location.href).searchParams;
  showBreakdowns(params);
  const periodsInUrl = showPeriods(params);
  const initial = read(params);
  show(initial);
  const changed =
    periodsInUrl ||
    initial.years !== null ||
    initial.category !== null ||
    MEASURE_KEYS.some((measure) => breakdownOf(measure) !== 'none');
  if (changed) apply(initial).catch(failed);
  else {
    root.dataset.state = 'ready';
    if (summary)
      summary.textContent = describe(
        initial,
        Number(root.querySelector('[data-stat="count"] dd')?.getAttribute('data-value') ?? 0),
      );
  }
}
