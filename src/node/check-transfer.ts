/**
 * How checked entries cross from a worker thread to the validator's main thread, and how the
 * verdict cache hands back the data it keeps: `data` as serialized bytes, read back on first use.
 * Loads nothing but node:v8 (and a type-only module), so workers can import it before the parsers.
 */
import { deserialize, serialize } from 'node:v8';
import { pickFacts } from '../lib/content/collection.ts';
import type { Postmortem } from '../lib/core/schema.ts';
import type { CheckedEntry, CheckedFile } from './check-results.ts';

/**
 * A checked entry as a worker sends it when the caller reads little of the data (the validator):
 * `data` as serialized bytes, read back only when asked, and the facts the cross-file rules read.
 * Rebuilding 10,000 entries' data on the main thread cost it about as much as reading the files.
 */
export type PackedEntry = Omit<CheckedEntry, 'data'> & { dataBytes?: Uint8Array };
export type PackedFile = Omit<CheckedFile, 'entry'> & { entry?: PackedEntry };

export function packEntry(entry: CheckedEntry): PackedEntry {
  if (!entry.data) return entry;
  const { data, ...rest } = entry;
  return {
    ...rest,
    facts: pickFacts(data),
    dataBytes: serialize(data),
  };
}

/** Gives `entry` a `data` read from `bytes` on first use; the bytes stay on it (not enumerable) for the verdict cache. */
export function withLazyData<T extends object>(entry: T, bytes: Uint8Array): T & { data: Postmortem } {
  let data: Postmortem | undefined;
  Object.defineProperty(entry, 'data', { enumerable: true, get: () => (data ??= deserialize(bytes) as Postmortem) });
  Object.defineProperty(entry, 'dataBytes', { enumerable: false, value: bytes });
  return entry as T & { data: Postmortem };
}

/** The serialized data of an entry that came with it, if it did (see packEntry). */
export function dataBytesOf(entry: CheckedEntry): Uint8Array | undefined {
  return (entry as { dataBytes?: Uint8Array }).dataBytes;
}

export function unpackEntry(packed: PackedEntry): CheckedEntry {
  const { dataBytes, ...entry } = packed;
  return dataBytes ? withLazyData(entry, dataBytes) : entry;
}
