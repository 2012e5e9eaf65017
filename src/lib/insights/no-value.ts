/**
 * Key of the row (or over-time column) that counts postmortems without a value: not
 * categorised, no severity, no service named. Charts draw it like any other, so a collection
 * that states none is a full bar, not an empty canvas beside a full table. Its own module so
 * the chart script can tell it apart without loading the figures.
 */
export const NO_VALUE = '(none)';
