/**
 * The start of the library fixture that the integration and web suites write into the sample
 * workspace: one well-formed entry with a LaTeX-encoded author, then one that never closes.
 * Shared so that both hosts check the same entries, lines and decoding.
 */

export const ORCHID_TITLE = 'Quantised Lattice Transformers for Orchid Petal Segmentation';

/** The line (1-based) of the broken entry, as the reader reports it: where the entry starts. */
export const BROKEN_LINE = 8;

/** The well-formed entry, a blank line, the broken one and a blank line, line by line. */
export const ORCHID_AND_BROKEN_BIB: readonly string[] = [
  '@article{okafor2031orchid,',
  `  title = {${ORCHID_TITLE}},`,
  '  author = {Okafor, Ngozi and M{\\"u}ller, Jana},',
  '  year = {2031},',
  '  abstract = {We segment orchid petals with quantised lattice transformers.}',
  '}',
  '',
  '@misc{broken2031,',
  '  title = {A Broken Entry That Never Closes,',
  '  year = 2031',
  '',
];
