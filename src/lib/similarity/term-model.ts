/**
 * The words of incidents, as the similarity model reads them: lower-cased words folded by a
 * light stemmer, with the words every English sentence uses and the words every incident report
 * uses (dates, times, places) taken out. What is boilerplate in a given knowledge base is not
 * listed here: it is derived from document frequency over the whole corpus (see BOILERPLATE_SHARE
 * in similar-incidents.ts). This module only knows English grammar and the calendar.
 */

import { ZONE_ABBREVIATIONS } from '../core/time.ts';

/**
 * Function words and the verbs of telling a story ("caused", "began", "resulted"): they say
 * nothing about which failure it was, and a phrase never runs across them.
 */
const FUNCTION_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how i if in ' +
    'into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should ' +
    'so some such than that the their theirs them then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours us ' +
    'themselves themself itself ourselves yourself yourselves himself herself myself inside outside onto toward towards upon ' +
    'caused causing cause causes led leading lead resulted resulting result results due became become becomes made make makes ' +
    'began begin started start stopped stop also however additionally further furthermore subsequently eventually initially ' +
    'one two three four five several many much within without across per via like e.g i.e etc ' +
    'approximately roughly around about nearly almost total totally certain various particular specific specifically ' +
    'following follow followed stated state states separately separate number numbers ' +
    'postmortem postmortems issue issues problem problems incident incidents outage outages occurred occur occurs occurring happened happen happens ' +
    'experienced experience experiencing including include includes included go goes going went gone'
  ).split(' '),
);

/**
 * The calendar and the clock: every write-up says when, and sharing "utc" or "march" is not
 * sharing a cause. Unlike function words they may still be half of a phrase that names a
 * mechanism ("leap second").
 */
const TIME_WORDS = new Set(
  (
    'utc gmt pt et pm day days daily hour hours hourly minute minutes min mins second seconds sec secs week weeks weekly ' +
    'month months monthly year years yearly morning afternoon evening night today yesterday tomorrow ' +
    'next previous first last earlier later early late time times timestamp date dates ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

/** Places: which region or coast it happened in is not how it failed, and never half of a mechanism. */
const PLACE_WORDS = new Set(
  (
    'east west north south central northeast northwest southeast southwest eastern western northern southern ' +
    'pacific atlantic europe european asia asian america american americas africa australia apac emea eu uk ' +
    'region regions regional zone zones local coast coastal location locations worldwide global globally'
  ).split(' '),
);

/**
 * Words that judge or qualify rather than name a thing ("valid", "quickly", "potential"): a reader
 * learns nothing from seeing one as the reason two incidents are alike. They may still be half of
 * a phrase ("disk full", "high latency"). Adverbs in -ly are dropped like function words.
 */
const GENERIC_WORDS = new Set(
  (
    'able unable good bad better worse best worst new old big small large larger high higher low lower ' +
    'valid invalid potential possible possibly likely unlikely enough significant major minor full partial ' +
    'able several various certain whole entire overall normal normally usual unusual real actual true false ' +
    'important critical serious severe quick slow slower faster fast long longer short shorter ' +
    'increase increased increasing decrease decreased reduced reduce higher lower rising ' +
    'need needed needs want wanted try tried trying attempt attempted use used using uses ' +
    'take taking took taken get getting got make making give given take see seen saw found find look looks looking looked ' +
    'work worked working works affected affecting affect impact impacted impacting understand understood ' +
    'ensure ensuring prevent preventing allow allowed allowing able believe believed think known ' +
    'identify identified identifying run runs running ran skip skips skipped exist exists existed missing ' +
    'term terms roll rolled rolling product products change changed changes changing serve served serving shut healthy unhealthy wait waiting id latent ' +
    'return returns returned returning wrong stuck value values status implement implements ' +
    'meant mean means agree agreed lot lots main method methods default setting settings hit hits hitting latest'
  ).split(' '),
);
/** Prefixes and suffixes a hyphen splits off ("re-index", "pre-warm", "add-ons"): half a word, never a reason. */
const WORD_PIECES = new Set('re pre non co un ons'.split(' '));
/** Adverbs ("quickly", "inadvertently"), but not the nouns and verbs that end the same way. */
const GENERIC_ADVERB = /^[a-z]{3,}ly$/;
const NOT_ADVERBS = new Set('supply apply reply assembly anomaly family multiply rely italy poly'.split(' '));

/** Zone abbreviations (pst, cet, ist…): a time zone is not a cause. */
const ZONES = new Set(Object.keys(ZONE_ABBREVIATIONS).map((zone) => zone.toLowerCase()));
/** Ordinals (28th), clock times (10am) and sizes with a unit (500ms, 10k): measures, not causes. */
const MEASURE_LIKE = /^\d+(?:st|nd|rd|th|am|pm|h|m|s|ms|min|mins|k|x|gb|mb|kb|tb|%)?$/;
/** Version numbers (v2, v1.25): which release, not what failed; half of no mechanism ("traefik v2" is "traefik"). */
const VERSION = /^v\d+(?:\.\d+)*$/;
/** A year glued to a prefix (pm2019, inc2021): a document's number, not a word. */
const NUMBERED_ID = /^[a-z]{1,4}(?:19|20)\d\d$/;
/** Host names left in prose (en.wikipedia.org): an address, not a word. */
const HOST_NAME = /\.(?:com|org|net|io|dev|gov|edu|co|html?)$|\..*\./;
/** Contractions (didn't, we're, it'll): grammar, not content. */
const CONTRACTION = /['’](?:t|re|ve|ll|d|m)$/;

/**
 * Whether a word (or its stem) is a verb in the past tense or a past participle ("commenced",
 * "managed", "intended", "tested"): it says what was done, not what it was done to, so it never
 * names a shared mechanism alone ("expired certificate" still does, through its noun). Words that
 * end so but are not verbs ("speed", "feed", "shed") are left alone.
 */
export function isPastTense(word: string): boolean {
  return word.length > 5 && word.endsWith('ed') && !word.endsWith('eed');
}

/**
 * A light English stemmer: folds plurals and a final "e", so "indexes" meets "index",
 * "caches" meets "cache" and "queries" meets "query".
 */
export function stem(word: string): string {
  let result = word;
  if (result.length > 4 && result.endsWith('ies')) return `${result.slice(0, -3)}y`;
  if (result.length > 3 && result.endsWith('s') && !/(?:ss|us|is|os)$/.test(result)) result = result.slice(0, -1);
  if (result.length > 3 && result.endsWith('e')) result = result.slice(0, -1);
  return result;
}

/** What a word is to the model. */
type WordKind = 'content' | 'time' | 'generic';

export interface Token {
  stem: string;
  /** As written (lower-cased), for naming it to a reader. */
  word: string;
  kind: WordKind;
  /** True when a function word, punctuation or a dropped word separates it from the token before. */
  phraseStart: boolean;
}

/** What a word is, once: dropped, or its stem and kind. */
type WordReading = { drop: true } | { drop: false; stem: string; kind: WordKind };

function readWord(word: string): WordReading {
  const first = word.charCodeAt(0);
  const startsWithDigit = first >= 48 && first <= 57;
  if (
    word.length < 2 ||
    (startsWithDigit && (!/\p{L}/u.test(word) || MEASURE_LIKE.test(word))) ||
    NUMBERED_ID.test(word) ||
    FUNCTION_WORDS.has(word) ||
    PLACE_WORDS.has(word) ||
    ZONES.has(word) ||
    ((word.includes("'") || word.includes('’')) && CONTRACTION.test(word)) ||
    (word.includes('.') && HOST_NAME.test(word)) ||
    (word.endsWith('ly') && GENERIC_ADVERB.test(word) && !NOT_ADVERBS.has(word))
  ) {
    return { drop: true };
  }
  return {
    drop: false,
    stem: stem(word),
    kind: TIME_WORDS.has(word)
      ? 'time'
      : GENERIC_WORDS.has(word) || WORD_PIECES.has(word) || VERSION.test(word)
        ? 'generic'
        : 'content',
  };
}

/** Whether the text between two words breaks a phrase: any character but spaces, one hyphen or slash, or a blank line. */
function breaksPhrase(text: string, from: number, to: number): boolean {
  let newlines = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      if (++newlines > 1) return true;
    } else if (code !== 32 && code !== 9 && code !== 13 && code !== 45 && code !== 47) return true;
  }
  return false;
}

/**
 * A tokenizer that reads each distinct word once (one per computation: a knowledge base repeats
 * its words). Function words, adverbs, numbers, zones and contractions are dropped and break a
 * phrase; so does any punctuation between two words except a hyphen or slash ("split-brain" is
 * the phrase "split brain").
 */
export function createTokenizer(): (text: string) => Token[] {
  const readings = new Map<string, WordReading>();
  return (text) => {
    const lower = text.toLowerCase();
    const tokens: Token[] = [];
    let end = 0;
    let broken = true;
    // A hand-written scan for [\p{L}\p{N}]+ joined by ' ’ or . (a regular expression per word costs
    // twice as much, and a build reads millions of words).
    for (let start = 0; start < lower.length;) {
      if (!isWordCode(lower.charCodeAt(start))) {
        start++;
        continue;
      }
      let stop = start + 1;
      while (stop < lower.length) {
        const code = lower.charCodeAt(stop);
        if (isWordCode(code)) stop++;
        else if ((code === 39 || code === 8217 || code === 46) && isWordCode(lower.charCodeAt(stop + 1))) stop += 2;
        else break;
      }
      if (breaksPhrase(lower, end, start)) broken = true;
      end = stop;
      let word = lower.slice(start, stop);
      start = stop;
      if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
      let reading = readings.get(word);
      if (!reading) readings.set(word, (reading = readWord(word)));
      if (reading.drop) {
        broken = true;
        continue;
      }
      tokens.push({ stem: reading.stem, word, kind: reading.kind, phraseStart: broken });
      broken = false;
    }
    return tokens;
  };
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
/** Whether a UTF-16 code unit is part of a word: ASCII letters and digits, or any letter or number. */
function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return LETTER_OR_NUMBER.test(String.fromCharCode(code));
}

/** The tokens of a text (see createTokenizer). */
export const tokenize = (text: string): Token[] => createTokenizer()(text);
