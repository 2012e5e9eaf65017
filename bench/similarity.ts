/**
 * Times the similar-incidents computation on synthetic postmortems, to check it stays within
 * a build's budget at 10,000 postmortems, and how many of the exact all-pairs top matches the
 * inverted index finds. Run: nice node bench/similarity.ts [N ...]
 */
import { computeSimilarity, type SimilarityInput } from '../src/lib/similarity/similar-incidents.ts';

const CATEGORIES = [
  'config-change',
  'software-bug',
  'database',
  'capacity',
  'network-dns',
  'dependency',
  'hardware-facility',
  'expiry',
  'security',
  'manual-operation',
];

/** A deterministic generator, so runs compare like with like. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * N postmortems over a Zipf-like vocabulary of 8,000 words. Like real ones they come in kinds:
 * each belongs to one of N/20 failure modes whose own words make up about a third of its text.
 * A title, a summary, a root cause, a trigger and a 400-word narrative; 1-2 categories, 1-3 of
 * 300 services, one of 200 organisations.
 */
export function syntheticPostmortems(count: number, seed = 42): SimilarityInput[] {
  const next = random(seed);
  const vocabulary = Array.from({ length: 8000 }, (_, i) => `term${i.toString(36)}`);
  // A skewed draw favours the head of the list, as real word frequencies do.
  const common = () => vocabulary[Math.floor(next() ** 2.5 * vocabulary.length)];
  const modes = Array.from({ length: Math.max(1, Math.round(count / 20)) }, () => ({
    words: Array.from({ length: 12 }, () => vocabulary[Math.floor(next() * vocabulary.length)]),
    category: CATEGORIES[Math.floor(next() * CATEGORIES.length)],
  }));
  const services = Array.from({ length: 300 }, (_, i) => `service-${i}`);
  const some = <T>(list: readonly T[], max: number) =>
    Array.from({ length: 1 + Math.floor(next() * max) }, () => list[Math.floor(next() * list.length)]);
  return Array.from({ length: count }, (_, i) => {
    const mode = modes[Math.floor(next() * modes.length)];
    const text = (words: number) =>
      Array.from({ length: words }, () =>
        next() < 0.35 ? mode.words[Math.floor(next() * mode.words.length)] : common(),
      ).join(' ');
    // Sentences of about 15 words, so phrases break where real prose breaks.
    const prose = (words: number) => Array.from({ length: Math.ceil(words / 15) }, () => `${text(15)}.`).join(' ');
    return {
      id: `pm-${i}`,
      title: text(8),
      summary: prose(45),
      rootCause: prose(60),
      trigger: prose(15),
      body: prose(400),
      categories: [...new Set([mode.category, ...some(CATEGORIES, 1).slice(0, Math.floor(next() * 2))])],
      services: [...new Set(some(services, 3))],
      organisation: `org${Math.floor(next() * 200)}`,
    };
  });
}

if (import.meta.main) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const size of sizes.length ? sizes : [1000, 10000]) {
    const docs = syntheticPostmortems(size);
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = computeSimilarity(docs);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    // On a shared machine the wall time includes waiting for a core; the CPU time does not.
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    const listed = [...result.similar.values()].reduce((sum, list) => sum + list.length, 0);
    console.log(
      `N=${size}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${((cpuMs * 1000) / size).toFixed(0)} µs CPU per postmortem), ` +
        `${(listed / size).toFixed(2)} similar listed per postmortem, heap +${heapMb.toFixed(0)} MB`,
    );
  }

  // Recall against exact all-pairs cosine (no caps), at a size where all-pairs is still affordable.
  {
    const size = 2000;
    const docs = syntheticPostmortems(size, 7);
    let start = performance.now();
    const capped = computeSimilarity(docs);
    const cappedMs = performance.now() - start;
    start = performance.now();
    const exact = computeSimilarity(docs, {
      maxPostings: Infinity,
      maxQueryTerms: Infinity,
      maxCandidates: Infinity,
    });
    const exactMs = performance.now() - start;
    let found = 0;
    let total = 0;
    for (const { id } of docs) {
      const got = new Set(capped.similar.get(id)!.map((match) => match.id));
      for (const match of exact.similar.get(id)!) {
        total++;
        if (got.has(match.id)) found++;
      }
    }
    console.log(
      `N=${size}: capped ${cappedMs.toFixed(0)} ms vs exact all-pairs ${exactMs.toFixed(0)} ms; ` +
        `recall of the exact top 5: ${((100 * found) / total).toFixed(1)}%`,
    );
  }
}
