/**
 * icco/postmortems, the real public collection (tests/corpus/import/icco, 242 documents with
 * YAML frontmatter), imported with --publish through the importer library: the author's words
 * reach the site (at least 235 published), at least 90 % carry a root-cause category (icco's own
 * where its categories map, otherwise proposed from the text and flagged), every entry is valid,
 * and no body shows the source's frontmatter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../src/lib/importer/index.ts';
import { ICCO_CATEGORIES, ICCO_FACTORS } from '../../src/lib/importer/collection.ts';
import { readFactorVocabulary } from '../../src/node/factor-vocabulary.ts';
import { readSourceFrontmatter } from '../../src/lib/importer/source-frontmatter.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { splitSource } from '../../src/lib/content/frontmatter.ts';

// icco reaches back to 1628; such a knowledge base sets its first year.
process.env.KB_EARLIEST_YEAR ??= '1';

const CORPUS = 'tests/corpus/import/icco';

test('icco, 242 with --publish: 235+ published, 90 %+ with a root-cause category, all valid', (t) => {
  const names = readdirSync(CORPUS).filter((name) => /^[0-9a-f-]{36}\.md$/.test(name));
  assert.equal(names.length, 242);
  const taken = new Set<string>();
  let published = 0;
  let categorised = 0;
  let ownCategory = 0;
  let statesMapped = 0;
  let proposed = 0;
  let withFactor = 0;
  const factors = readFactorVocabulary('content/postmortems').vocabulary;
  for (const slug of Object.values(ICCO_FACTORS))
    assert.ok(factors.get(slug), `${slug} is declared in content/factors.yaml`);
  for (const name of names) {
    const source = readFileSync(join(CORPUS, name), 'utf8');
    const result = importDocument(source, { sourceName: name, publish: true, taken, factors });
    assert.ok(result.ok, `${name}: ${result.ok ? '' : result.reason}`);
    taken.add(result.fileName);
    const checked = checkPostmortemSource({ file: result.fileName, name: result.fileName, text: result.text });
    assert.deepEqual(
      checked.problems.filter((problem) => problem.severity === 'error'),
      [],
      `${name} → ${result.fileName} validates`,
    );
    if (result.status === 'published') published++;
    const categories = result.data.rootCause.categories;
    if (categories.length > 0) categorised++;

    // icco's own categories are used wherever one maps, and then nothing is proposed over them.
    const stated = (readSourceFrontmatter(source)?.data?.categories ?? []) as string[];
    const mapped = stated.flatMap((category) => ICCO_CATEGORIES[category] ?? []);
    const flagged = result.review.some((point) => point.startsWith('rootCause.categories: proposed'));
    if (mapped.length > 0) {
      statesMapped++;
      assert.deepEqual(categories, [...new Set(mapped)], `${name}: icco's own categories`);
      assert.ok(!flagged, `${name}: nothing proposed over icco's own categories`);
      ownCategory++;
    } else if (categories.length > 0) {
      assert.ok(flagged, `${name}: a category proposed from the text is flagged`);
      proposed++;
    }

    // icco's categories that imply a factor give it, first, each once, flagged with where it came from.
    const implied = [...new Set(stated.flatMap((category) => ICCO_FACTORS[category] ?? []))];
    const written = result.data.rootCause.contributingFactors;
    assert.deepEqual(
      written.slice(0, implied.length).map((item) => (typeof item === 'string' ? item : item.factor)),
      implied,
      `${name}: factors from icco's categories`,
    );
    // No note is invented for them: the category is icco's word, not the author's sentence.
    for (const item of written.slice(0, implied.length))
      assert.ok(
        typeof item !== 'string' && item.note === undefined,
        `${name}: no note written for ${JSON.stringify(item)}`,
      );
    assert.equal(
      result.review.some((point) => /^rootCause\.contributingFactors: .* from icco's category/.test(point)),
      implied.length > 0,
      `${name}: a factor from a category is flagged for review, and only then`,
    );
    // A factor classified from the text's own sentence is flagged too, naming the words that matched.
    written.slice(implied.length).forEach((item, offset) => {
      if (typeof item === 'string') return;
      assert.ok(
        result.review.some((point) =>
          point.startsWith(
            `rootCause.contributingFactors[${implied.length + offset}]: classified as ${item.factor} from the words`,
          ),
        ),
        `${name}: classified factor flagged`,
      );
    });
    if (written.some((item) => typeof item !== 'string')) withFactor++;

    // The body is the original text without its frontmatter block, and nothing of it is lost.
    const body = splitSource(result.text).body;
    assert.doesNotMatch(body, /^\\---/m, `${name}: no escaped frontmatter fence in the body`);
    assert.doesNotMatch(body, /^uuid: /m, `${name}: no frontmatter key in the body`);
    // A summary taken from the text is said so, and so is a title made up.
    if (!/^summary: \S/m.test(source))
      assert.ok(
        result.review.some((point) => point.startsWith('summary:')),
        `${name}: a summary not the source's own is flagged`,
      );
  }
  t.diagnostic(
    `published ${published}/242; with a root-cause category ${categorised} (icco's own ${ownCategory} of ${statesMapped} that state a mappable one, proposed and flagged ${proposed})`,
  );
  t.diagnostic(`with at least one contributing factor: ${withFactor}/242`);
  assert.ok(published >= 235, `${published} published`);
  // config-change, automation, time and cascading-failure are each on dozens of entries.
  assert.ok(withFactor >= 150, `${withFactor} of 242 carry a factor`);
  assert.ok(categorised / names.length >= 0.9, `${categorised} of 242 carry a root-cause category`);
});
