/**
 * The importer's parts: reading times and zones, escaping for MDX, proposing categories,
 * reading structure, and the rules "never invent a value" and "one bad file never stops
 * the rest" end to end through `npm run import`.
 */
import { projectTempDir } from '../helpers/tmp.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTimes, detectDateOrder, statedDocumentZone } from '../../src/lib/importer/times.ts';
import { escapeMdx, mdxReading } from '../../src/lib/importer/escape.ts';
import { proposeCategories, CATEGORY_KEYWORDS } from '../../src/lib/importer/category-rules.ts';
import { parseDocument } from '../../src/lib/importer/document.ts';
import { compactPaths, firstParagraph, importDocument, titleSlug as slugOf } from '../../src/lib/importer/index.ts';
import { checkMdxBody } from '../../src/lib/content/mdx-safety.ts';
import { rootCauseCategories } from '../../src/lib/core/taxonomy.ts';
import { splitSource } from '../../src/lib/content/frontmatter.ts';
import { readSourceFrontmatter } from '../../src/lib/importer/source-frontmatter.ts';
import { serviceCatalog } from '../../src/lib/site/services.ts';

const NODE = process.execPath;

test('findTimes reads dates in words, 12- and 24-hour clocks and the zone as written', () => {
  const cases: [string, Partial<ReturnType<typeof findTimes>[number]>][] = [
    ['October 10, 2023, 14:00 UTC', { year: 2023, month: 10, day: 10, hour: 14, minute: 0, zone: 'UTC' }],
    ['March 8, 2024, 2:45 PM (UTC)', { year: 2024, month: 3, day: 8, hour: 14, minute: 45, zone: 'UTC' }],
    [
      'resolved at 03:30 UTC on October 11, 2023.',
      { year: 2023, month: 10, day: 11, hour: 3, minute: 30, zone: 'UTC' },
    ],
    ['Sunday, 12 Nov 2023 — 23:47 WAT', { year: 2023, month: 11, day: 12, hour: 23, minute: 47, zone: 'WAT' }],
    ['Tuesday 4th June 2024 at 09:12 CET', { month: 6, day: 4, hour: 9, minute: 12, zone: 'CET' }],
    ['9:41pm PDT', { hour: 21, minute: 41, zone: 'PDT' }],
    ['2024-03-08T10:30:00+03:00', { hour: 10, minute: 30, zone: '+03:00' }],
    ['11 Jan 2024 23:10 GMT+1', { hour: 23, minute: 10, zone: 'GMT+1' }],
    ['le 12 mars 2024 à 14h05 CET', { year: 2024, month: 3, day: 12, hour: 14, minute: 5, zone: 'CET' }],
    ['~14:10 (Europe/Paris)', { hour: 14, minute: 10, zone: 'Europe/Paris' }],
    ['at 10:00 EAT', { hour: 10, zone: 'EAT' }],
    ['15:30', { hour: 15, minute: 30, zone: undefined }],
  ];
  for (const [text, expected] of cases) {
    const [found] = findTimes(text);
    assert.ok(found, `a time in "${text}"`);
    for (const [key, value] of Object.entries(expected))
      assert.equal(found[key as keyof typeof found], value, `${key} of "${text}"`);
  }
});

test('findTimes skips what is not a moment: durations, relative phrases, fractions, versions', () => {
  for (const text of [
    'after 30 minutes of investigation',
    'took 2 hours',
    '3/4 of users',
    'release v2.3.1',
    'version 10.30',
  ]) {
    assert.deepEqual(findTimes(text), [], text);
  }
});

test('numeric dates are read day-first or month-first only when the document settles it', () => {
  assert.equal(detectDateOrder('from 25/03/2024 to 26/03/2024'), 'dmy');
  assert.equal(detectDateOrder('from 03/25/2024'), 'mdy');
  assert.equal(detectDateOrder('on 03/04/2024'), 'ambiguous');
  const [ambiguous] = findTimes('03/04/2024 14:00 UTC', 'ambiguous');
  assert.equal(ambiguous.ambiguousDate, '03/04/2024');
  assert.equal(ambiguous.day, undefined);
  const [dayFirst] = findTimes('03/04/2024 14:00 UTC', 'dmy');
  assert.deepEqual([dayFirst.day, dayFirst.month], [3, 4]);
});

test('a zone stated for the whole document is found, but ordinary words are not zones', () => {
  assert.equal(statedDocumentZone('Intro\nAll times are in UTC.')?.zone, 'UTC');
  assert.equal(statedDocumentZone('(all times PDT)')?.zone, 'PDT');
  assert.equal(statedDocumentZone('Timezone: Europe/Paris')?.zone, 'Europe/Paris');
  assert.equal(statedDocumentZone('Response times are higher than usual'), undefined);
});

test('escapeMdx keeps every line and makes braces, tags, comments, autolinks and ESM plain text', () => {
  const source = [
    '# Title {x}',
    "import fs from 'node:fs'",
    'export const a = 1',
    '<!-- note -->',
    'See <https://example.com> and <b>bold</b>, a < b, \\{ok\\}',
    '`inline {code} <b>`',
    '    indented {code}',
    '```js {1,3}',
    'const x = {a: 1} <div>',
    '```',
  ].join('\n');
  const escaped = escapeMdx(source);
  assert.equal(escaped.split('\n').length, source.split('\n').length);
  assert.deepEqual(checkMdxBody(escaped), []);
  const lines = escaped.split('\n');
  assert.equal(lines[0], '# Title \\{x\\}');
  assert.equal(lines[1], "&#105;mport fs from 'node:fs'");
  assert.equal(lines[2], '&#101;xport const a = 1');
  assert.equal(lines[3], '&lt;!-- note -->');
  assert.equal(lines[5], '`inline {code} <b>`', 'code spans stay verbatim');
  assert.equal(lines[6], '    indented \\{code\\}', 'MDX has no indented code, so this is text');
  assert.equal(lines[8], 'const x = {a: 1} <div>', 'fenced code stays verbatim');
  assert.match(lines[4], /\\\{ok\\\}/, 'existing escapes are kept');
});

test('category keywords cover every category except unknown, and proposals say which words matched', () => {
  for (const category of Object.keys(rootCauseCategories)) {
    if (category === 'unknown') continue;
    assert.ok(CATEGORY_KEYWORDS[category as keyof typeof CATEGORY_KEYWORDS].length > 0, category);
  }
  const proposals = proposeCategories('A long-running SQL query caused deadlocks in the database.');
  assert.equal(proposals[0].category, 'database');
  assert.deepEqual(proposals[0].matched, ['database', 'sql', 'query', 'deadlock']);
  assert.deepEqual(
    proposeCategories('Deadlock-free code.').map((p) => p.category),
    ['database'],
    'prefix keywords match word starts',
  );
  assert.deepEqual(
    proposeCategories('The DNS resolver returned NXDOMAIN.').map((p) => p.category),
    ['network-dns'],
  );
  assert.deepEqual(
    proposeCategories('Root cause not yet known; we suspect the database.').map((p) => p.category),
    ['unknown'],
  );
  assert.deepEqual(proposeCategories('The coffee machine was empty.'), []);
  assert.deepEqual(proposeCategories('indexing'), [], 'whole-word keywords do not match inside other words');
});

test('parseDocument reads bold headings, labelled list items, "Label: value" lines and tables', () => {
  const doc = parseDocument(
    [
      '**Issue Summary:**',
      '- **Duration:**',
      '  - Start Time: October 10, 2023, 14:00 UTC',
      '- **Impact:** Half the users.',
      '',
      '## Actions',
      '',
      '| Action | Owner | Term |',
      '|---|---|---|',
      '| Add index | DB | short |',
    ].join('\n'),
  );
  const start = doc.leaves.find((leaf) => leaf.label === 'Start Time')!;
  assert.deepEqual(
    start.sections.map((section) => section.label),
    ['Issue Summary', 'Duration'],
  );
  assert.equal(start.value, 'October 10, 2023, 14:00 UTC');
  assert.equal(start.line, 3);
  const impact = doc.leaves.find((leaf) => leaf.label === 'Impact')!;
  assert.equal(impact.value, 'Half the users.');
  const row = doc.leaves.find((leaf) => leaf.table)!;
  assert.equal(row.table!.role, 'actions');
  assert.deepEqual(row.table!.cells, ['Add index', 'DB', 'short']);
  assert.equal(row.line, 10);
});

test('what the source does not state is left out, listed for review, and the entry is a draft', () => {
  const result = importDocument(
    '# Cache outage\n\nStart: 2024-01-05 10:00 UTC\n\n## Root cause\n\nThe cache ran out of memory.\n',
    { sourceName: 'cache.md' },
  );
  assert.ok(result.ok);
  assert.equal(result.status, 'draft');
  assert.equal(result.data.severity, undefined);
  assert.equal(result.data.resolved, undefined);
  assert.equal(result.data.detection.method, undefined);
  assert.equal(result.data.detected, undefined);
  assert.equal(result.data.resolution, undefined);
  // Only what a reader needs is required to publish; the rest is simply not invented.
  assert.deepEqual(result.missing, ['summary']);
  assert.ok(
    result.review.some((line) => line.startsWith('summary:')),
    'summary is in the review list',
  );
  assert.ok(
    result.review.some((line) => /rootCause\.categories: proposed capacity \(matched "out of memory"\)/.test(line)),
  );
  assert.match(result.text, /^status: draft$/m);
});

test('a document stating every required fact is imported for review, not as a draft', () => {
  const result = importDocument(readFileSync('tests/fixtures/import/01-hash-headings-complete.md', 'utf8'), {
    sourceName: '01.md',
  });
  assert.ok(result.ok);
  assert.equal(result.status, 'in-review');
  assert.deepEqual(result.missing, []);
  assert.equal(result.data.actionItems[0].owner, 'Tracking Platform');
  assert.equal(result.data.actionItems[0].term, 'short');
  assert.equal(result.data.actionItems[0].type, 'prevent');
  assert.equal(result.data.actionItems[0].title, 'Add unit and range validation to cache TTL settings');
});

test('times without a zone: the stated zone, then --zone, else only the day is kept and listed', () => {
  const bare = '# Outage\n\nStart: 2024-01-05 10:00\n';
  const dayOnly = importDocument(bare, { sourceName: 'bare.md' });
  assert.ok(dayOnly.ok);
  assert.equal(dayOnly.data.started, '2024-01-05');
  assert.equal(dayOnly.fileName, '2024-01-05-outage.mdx');
  assert.ok(
    dayOnly.review.some((line) => /^started: only the day is known \(line 3\).*no time zone.*--zone/.test(line)),
  );
  const withOption = importDocument(bare, { sourceName: 'bare.md', zone: 'Europe/Paris' });
  assert.ok(withOption.ok);
  assert.equal(withOption.data.started, '2024-01-05T10:00:00+01:00');
  assert.ok(withOption.review.some((line) => /--zone/.test(line)));
  const stated = importDocument('# Outage\n\nAll times are in EAT.\n\nStart: 2024-01-05 10:00\n', {
    sourceName: 'stated.md',
  });
  assert.ok(stated.ok);
  assert.equal(stated.data.started, '2024-01-05T10:00:00+03:00');
  const undated = importDocument('Nothing happened here.', { sourceName: 'none.md' });
  assert.ok(undated.ok, 'a document with no date is still imported');
  assert.deepEqual(undated.data.started, { unknown: 'the source states no start date' });
  assert.equal(undated.status, 'draft');
  assert.match(undated.fileName, /^0000-00-00-/);
  assert.equal(importDocument('   \n', { sourceName: 'empty.md' }).ok, false);
});

test('titleSlug makes short ASCII slugs', () => {
  assert.equal(slugOf('Paiements refusés : boutique'), 'paiements-refuses-boutique');
  assert.ok(slugOf('word '.repeat(40)).length <= 60);
  assert.equal(slugOf('{}'), 'imported-postmortem');
  assert.equal(
    compactPaths(['summary', 'actionItems[0].term', 'actionItems[1].term', 'actionItems[3].term']),
    'summary, actionItems[0–1,3].term',
  );
});

test('npm run import: a folder imports with a summary table; bad files fail alone; nothing is overwritten', () => {
  const dir = projectTempDir('import-cli-');
  try {
    const sources = join(dir, 'sources');
    const out = join(dir, 'out');
    mkdirSync(sources);
    writeFileSync(join(sources, 'a-good.md'), readFileSync('tests/fixtures/import/02-bold-labels-eat-12h.md'));
    writeFileSync(join(sources, 'b-no-start.md'), '# A document with no times at all\n');
    writeFileSync(join(sources, 'c-binary.txt'), Buffer.from([0x00, 0x01, 0x02]));
    writeFileSync(join(sources, 'd-complete.md'), readFileSync('tests/fixtures/import/01-hash-headings-complete.md'));
    writeFileSync(join(sources, 'e-picture.png'), 'not really a picture');
    // A collection's README describes it; it is listed as skipped, not imported as an incident.
    writeFileSync(join(sources, 'README.md'), '# Postmortems\n\nA list of the postmortems in this folder.\n');
    const run = () =>
      spawnSync(NODE, ['src/cli/import.ts', sources, '--out', out], {
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      });

    const first = run();
    assert.equal(first.status, 1, 'failures make the exit code 1');
    const output = first.stdout;
    assert.match(output, /\[#+\.*\] 4\/4/, 'progress is shown for a folder');
    assert.match(output, /Source\s+Result\s+Entry\s+Fields to review \/ reason/);
    assert.match(output, /a-good\.md\s+draft\s+\S+2023-06-03-mobile-money-transfers-delayed\.mdx\s+summary, /);
    assert.match(output, /d-complete\.md\s+imported\s+/);
    // A document with no date is imported with its start unknown, never failed for it.
    assert.match(
      output,
      /b-no-start\.md\s+draft\s+\S+0000-00-00-a-document-with-no-times-at-all\.mdx\s+summary, started/,
    );
    assert.match(output, /Needs review\s+Entries\n-+\s+-+\n(?:\S+\s+\d+\n)*summary\s+2/);
    assert.match(output, /c-binary\.txt\s+failed\s+—\s+the file is a binary file/);
    assert.match(output, /e-picture\.png\s+failed\s+—\s+is not a Markdown or text file/);
    assert.match(
      output,
      /README\.md\s+skipped\s+—\s+a repository's README file describes the collection, not an incident/,
    );
    assert.match(
      output,
      /6 files: 1 imported \(status in-review\), 2 imported as draft with fields to review, 1 skipped, 2 failed/,
    );
    assert.deepEqual(readdirSync(out).sort(), [
      '0000-00-00-a-document-with-no-times-at-all.mdx',
      '2023-06-03-mobile-money-transfers-delayed.mdx',
      '2024-02-14-shipment-tracking-api-returned-stale-positions.mdx',
    ]);

    // Entries written are valid postmortems.
    const validate = spawnSync(NODE, ['src/cli/validate.ts', '--content-dir', out], { encoding: 'utf8' });
    assert.equal(validate.status, 0, validate.stdout);

    const edited = join(out, '2023-06-03-mobile-money-transfers-delayed.mdx');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nA reviewer's edit.\n`);
    const second = run();
    assert.match(second.stdout, /already exists in .*; it was not overwritten/);
    assert.match(readFileSync(edited, 'utf8'), /A reviewer's edit\./, 'the edited entry is untouched');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run import adds services the catalog beside --out lacks, so the entries validate', () => {
  const dir = projectTempDir('import-catalog-');
  try {
    const content = join(dir, 'content');
    const out = join(content, 'postmortems');
    mkdirSync(out, { recursive: true });
    const catalogFile = join(content, 'services.yaml');
    writeFileSync(
      catalogFile,
      '# Our services.\nteams:\n  web:\n    name: Web\nservices:\n  checkout-api:\n    name: Checkout API\n    owner: web\n',
    );
    const source = join(dir, 'outage.md');
    writeFileSync(
      source,
      '# Search outage\n\nStart: 2024-01-05 10:00 UTC\n\nSearch returned nothing for an hour after the index was rebuilt.\n\n## Services affected\n\n- checkout-api, search (temporary, during recovery)\n',
    );
    const run = spawnSync(NODE, ['src/cli/import.ts', source, '--out', out, '--publish'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /published/);
    const catalog = readFileSync(catalogFile, 'utf8');
    assert.match(catalog, /^# Our services\./, 'the catalog keeps its comments');
    assert.match(catalog, /^ {2}search:\n {4}name: Search$/m);
    assert.doesNotMatch(catalog, /during-recovery|temporary/);
    const validate = spawnSync(NODE, ['src/cli/validate.ts', '--content-dir', out], { encoding: 'utf8' });
    assert.equal(validate.status, 0, validate.stdout + validate.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run import refuses an unknown --zone and explains the usage', () => {
  const bad = spawnSync(NODE, ['src/cli/import.ts', 'tests/fixtures/import', '--zone', 'Mars/Olympus'], {
    encoding: 'utf8',
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--zone Mars\/Olympus is not a zone/);
  const none = spawnSync(NODE, ['src/cli/import.ts'], { encoding: 'utf8' });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /give at least one file or folder/);
  assert.ok(
    !existsSync('content/postmortems/2023-06-03-mobile-money-transfers-delayed.mdx'),
    'tests never write into the real content folder',
  );
});

test('local references: copied when the file is there, kept as text and listed when not', () => {
  const source = '# Outage\n\n![graph](img/graph.png)\n\nSee [the log](missing.txt) and [docs](https://example.com).\n';
  const result = importDocument(source, {
    sourceName: 'refs.md',
    localFileExists: (url) => url === 'img/graph.png',
  });
  assert.ok(result.ok);
  const id = result.fileName.replace(/\.mdx$/, '');
  assert.deepEqual(result.copies, [{ url: 'img/graph.png', target: `./${id}.assets/graph.png` }]);
  assert.match(result.text, new RegExp(`!\\[graph\\]\\(\\./${id}\\.assets/graph\\.png\\)`));
  assert.match(result.text, /`\[the log\]\(missing\.txt\)`/);
  assert.match(result.text, /\[docs\]\(https:\/\/example\.com\)/);
  assert.ok(result.review.some((line) => /^body: line 5 refers to the file "missing\.txt"/.test(line)));
});

test("documents are read as the site reads their escaped copy: MDX syntax is text, offsets are the source's", () => {
  const source = '**Cause:**<br>a {b} `c {d}`\n\n    indented\n\n[log](x{y}.txt)\n';
  const tree = mdxReading(source);
  const [first, indented, link] = tree.children as {
    type: string;
    children?: { type: string; value?: string; url?: string }[];
  }[];
  assert.equal(first.children?.[0].type, 'strong', 'emphasis before a "<" pairs as it does before the escaped "&lt;"');
  assert.equal(first.children?.[1].value, '<br>a {b} ');
  assert.equal(first.children?.[2].value, 'c {d}');
  const code = first.children?.[2] as { position?: { start: { offset?: number } } };
  assert.equal(code.position?.start.offset, source.indexOf('`c'));
  assert.equal(indented.type, 'paragraph', 'MDX has no indented code');
  assert.equal(link.children?.[0].url, 'x{y}.txt');
  // satteri 0.10.5 aborts the whole process on some MDX ESM ("import ```#)\\"), also after a bare CR.
  for (const text of ['import ```#)\\', 'a\n\nexport ```#)\\', 'a\r\rimport ```#)\\']) {
    assert.equal(mdxReading(text).type, 'root');
  }
});

test('a table is not taken for the first paragraph of prose', () => {
  const body =
    '# Outage\n\n| Field | Value |\n|---|---|\n| Severity | SEV3 |\n\nScanners in two warehouses could not record pallets for two hours.\n';
  assert.deepEqual(firstParagraph(body), {
    text: 'Scanners in two warehouses could not record pallets for two hours.',
    line: 7,
  });
});

test('a collection entry: known keys mapped, midnight read as a day, categories by the table, the body without its frontmatter', () => {
  const source = [
    '---',
    'uuid: 1234',
    'url: https://status.example.com/incidents/1',
    'title: Payments API outage',
    'start_time: 2019-07-02T00:00:00Z',
    'end_time: 2019-07-02T16:40:00Z',
    'company: Example',
    'product: Payments',
    'categories:',
    '- cloud',
    '- config-change',
    'keywords:',
    '- payments',
    'source_fetched_at: 2026-05-04T19:51:05Z',
    'summary: Payments failed for six hours after a bad deploy.',
    '---',
    '',
    'The write-up.',
  ].join('\n');
  const result = importDocument(source, { sourceName: 'c.md', publish: true });
  assert.ok(result.ok);
  assert.equal(result.status, 'published');
  // Only what the source leaves unsettled is listed: it states no severity, and the factor its
  // category implies still needs the author's sentence.
  assert.deepEqual(result.review, [
    `rootCause.contributingFactors: config-push from icco's category "config-change" (table ICCO_FACTORS in src/lib/importer/collection.ts); add a note with the author's sentence on how each played its part, or remove the factor`,
    'severity: the source states no severity; choose sev1 (critical) to sev4 (low)',
  ]);
  assert.deepEqual(result.data.rootCause.contributingFactors, [
    // No note: the category is the collection's word, not the author's sentence.
    { factor: 'config-push' },
  ]);
  assert.equal(result.data.started, '2019-07-02');
  assert.equal(result.data.resolved, '2019-07-02T16:40:00Z');
  assert.equal(result.data.organisation, 'Example');
  assert.equal(result.data.product, 'Payments');
  assert.deepEqual(result.data.sources, [
    {
      url: 'https://status.example.com/incidents/1',
      kind: 'original',
      title: 'Original write-up (fetched 2026-05-04)',
    },
  ]);
  // icco's "config-change" is ours; "cloud" says where, not why, and stays a tag.
  assert.deepEqual(result.data.rootCause.categories, ['config-change']);
  assert.deepEqual(result.data.tags, ['payments', 'cloud']);
  const body = splitSource(result.text).body;
  assert.doesNotMatch(body, /uuid|start_time|\\---/, 'the source frontmatter is not in the body');
  assert.match(body, /^The write-up\.$/m);
});

test('a frontmatter block is found through a BOM and CRLF line ends, YAML or TOML', () => {
  const yaml =
    '\uFEFF---\r\ntitle: Queue stalled\r\ndate: 2024-03-08T10:30:00Z\r\n---\r\n\r\nThe queue stalled for an hour.\r\n';
  const toml =
    '+++\ntitle = "Queue stalled"\ndate = 2024-03-08T10:30:00+02:00\n[taxonomies]\ntags = ["queue"]\n+++\n\nThe queue stalled for an hour.\n';
  for (const [source, format] of [
    [yaml, 'yaml'],
    [toml, 'toml'],
  ] as const) {
    const front = readSourceFrontmatter(source.replace(/^\uFEFF/, ''));
    assert.equal(front?.format, format);
    const result = importDocument(source, { sourceName: '19.md', publish: true });
    assert.ok(result.ok);
    assert.equal(result.data.title, 'Queue stalled', format);
    assert.doesNotMatch(
      splitSource(result.text).body,
      /title: |title = |\+\+\+|date/,
      `${format}: no frontmatter in the body`,
    );
    // A posting date is the start only when nothing better is known, and flagged.
    assert.ok(
      result.review.some((point) =>
        /^started: the source states no start time; its date .* was taken as the start/.test(point),
      ),
      result.review.join('\n'),
    );
    assert.equal(result.status, 'published');
  }
  const zola = importDocument(toml, { sourceName: '19.md' });
  assert.ok(zola.ok);
  assert.equal(zola.data.started, '2024-03-08T10:30:00.000+02:00');
  assert.deepEqual(zola.data.tags, ['queue']);
});

test('cState: severity mapped and flagged, the posting date before the text, an end equal to the start is a placeholder', () => {
  const source = [
    '---',
    'title: Mirror down',
    'date: 2021-04-19T18:50:00-00:00',
    'resolved: true',
    'resolvedWhen: 2021-04-19T18:50:00-00:00',
    'severity: down',
    'affected:',
    '  - mirrors',
    'section: issue',
    '---',
    '',
    'The mirror pods cannot mount their file storage, so no files are served.',
    '',
    '**2021-04-19T21:12:00-00:00**',
    '',
    'The quota was raised and the mirror serves files again.',
  ].join('\n');
  const result = importDocument(source, { sourceName: 'cstate.md', publish: true });
  assert.ok(result.ok);
  assert.equal(result.data.severity, 'sev1');
  assert.equal(result.data.started, '2021-04-19T18:50:00-00:00');
  assert.equal(result.data.resolved, undefined);
  assert.deepEqual(result.data.impact.affectedServices, ['mirrors']);
  const review = result.review.join('\n');
  assert.match(review, /^severity: the status page says "down", mapped to sev1/m);
  assert.match(review, /^started: .*when the notice was posted, was taken as the start/m);
  assert.match(review, /^resolved: .* a placeholder rather than a zero-length incident/m);
  assert.equal(result.status, 'published');
  assert.match(result.data.summary ?? '', /^The mirror pods cannot mount/);
});

test('a post its author marks as a draft stays a draft, even with --publish', () => {
  const source =
    '+++\ntitle = "Queue stalled"\ndate = 2024-03-08\ndraft = true\n+++\n\nThe queue stalled for an hour after the deploy went out.\n';
  const result = importDocument(source, { sourceName: 'q.md', publish: true });
  assert.ok(result.ok);
  assert.equal(result.status, 'draft');
  assert.ok(result.review.some((point) => point.startsWith('status: the source marks itself as a draft')));
});

test('a frontmatter key no table knows is named in the review list, never dropped unseen', () => {
  const source =
    '---\ntitle: Queue stalled\ndate: 2024-03-08\nmood: grim\n---\n\nThe queue stalled for an hour after the deploy.\n';
  const result = importDocument(source, { sourceName: 'q.md', publish: true });
  assert.ok(result.ok);
  assert.ok(
    result.review.some((point) => /^frontmatter: no field for mood \(grim\)/.test(point)),
    result.review.join('\n'),
  );
});

test('services the catalog lacks are returned to be added and flagged; a parenthetical is not a service', () => {
  const source =
    '# Search outage\n\nStart: 2024-01-05 10:00 UTC\n\n## Services affected\n\n- checkout-api, search (temporary, during recovery)\n';
  const catalog = serviceCatalog({ teams: {}, services: { 'checkout-api': { name: 'Checkout API', aliases: [] } } });
  const result = importDocument(source, { sourceName: 's.md', catalog });
  assert.ok(result.ok);
  assert.deepEqual(result.data.services, ['checkout-api', 'search']);
  assert.deepEqual(result.newServices, [{ slug: 'search', name: 'Search' }]);
  assert.ok(
    result.review.some((point) => /^services: "search" is not in the service catalog; the import added it/.test(point)),
  );
});

test('only a share of users, requests or traffic becomes usersAffectedPercent', () => {
  const read = (sentence: string) => {
    const result = importDocument(`# Outage\n\nStart: 2024-01-05 10:00 UTC\n\n${sentence}\n`, { sourceName: 'p.md' });
    assert.ok(result.ok);
    return { value: result.data.impact.usersAffectedPercent, review: result.review.join('\n') };
  };
  assert.equal(read('About 30% of our users could not log in.').value, 30);
  assert.equal(read('Requests failed (40% of requests).').value, 40);
  for (const other of ['There was 100% confusion.', 'A 20% degradation of service.', 'Between 30-35% of users.']) {
    const { value, review } = read(other);
    assert.equal(value, undefined, other);
    assert.match(review, /impact\.usersAffectedPercent: .* not a share of users/, other);
  }
});

test('a document wrapped in a code fence is read as its contents', () => {
  const result = importDocument('```markdown\n# Outage\n\nStart: 2024-03-08 10:30 UTC\n```\n', { sourceName: 'f.md' });
  assert.ok(result.ok);
  assert.equal(result.data.started, '2024-03-08T10:30:00Z');
});

test('two bold labels in one paragraph are two facts: regions never become services', () => {
  const result = importDocument(
    '# Storage outage\n\nStart: 2014-11-19 00:51 UTC\n\n**Affected services**: Azure Storage, Virtual Machines, StorSimple, and Azure Backup. **Affected regions**: Central US, East Asia, Japan East.\n\nA **bold** word: inside a value stays in it.\n',
    { sourceName: 'azure.md' },
  );
  assert.ok(result.ok);
  assert.deepEqual(result.data.services, ['azure-storage', 'virtual-machines', 'storsimple', 'azure-backup']);
});

test('contributing-factor sentences are classified by the vocabulary cues, flagged; a long passage stays a sentence', async () => {
  const { factorVocabulary, factorVocabularySchema } = await import('../../src/lib/incidents/factor-vocabulary.ts');
  const factors = factorVocabulary(
    factorVocabularySchema.parse({
      factors: {
        'retry-amplification': { name: 'Retry amplification', description: 'Retries.', cues: ['retry', 'retries'] },
      },
    }),
  );
  const passage = `Clients kept retries going ${'and more words '.repeat(20)}until the end.`;
  const source = [
    '# Queue outage',
    '',
    '## Contributing factors',
    '',
    '- Every client retries three times without backoff.',
    '- The disk was small.',
    `- ${passage}`,
    '',
  ].join('\n');
  const result = importDocument(source, { sourceName: 'q.md', factors });
  assert.ok(result.ok);
  assert.deepEqual(result.data.rootCause.contributingFactors, [
    { factor: 'retry-amplification', note: 'Every client retries three times without backoff.' },
    'The disk was small.',
    passage,
  ]);
  assert.ok(
    result.review.includes(
      'rootCause.contributingFactors[0]: classified as retry-amplification from the words "retries" (cues in content/factors.yaml); confirm or correct it',
    ),
    result.review.join('\n'),
  );
  const without = importDocument(source, { sourceName: 'q.md' });
  assert.ok(without.ok);
  assert.equal(
    without.data.rootCause.contributingFactors[0],
    'Every client retries three times without backoff.',
    'no vocabulary, no classification',
  );
});
