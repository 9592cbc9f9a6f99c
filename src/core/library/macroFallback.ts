/**
 * The long tail of LaTeX commands, decoded by `@retorquere/bibtex-parser` (Better BibTeX's
 * parser, whose tables know thousands of commands): the `MacroDecoder` behind `decodeLatex`.
 *
 * The parser module is passed in rather than imported here. Its CommonJS build is published
 * under `"type": "module"`, so plain Node cannot `require` it (only its ES build loads), while
 * the bundles import it statically. Taking the module as a parameter keeps this file loadable
 * everywhere: the worker and the CLI pass the bundled import, unit tests load the ES build.
 */
import type * as BibtexParser from '@retorquere/bibtex-parser';
import type { MacroDecoder } from './latex';

export type BibtexParserModule = Pick<typeof BibtexParser, 'parse'>;

/** Markup the parser wraps formatted text in (`<i>`, `<sup>`, `<span class="nocase">`). */
const MARKUP = /<\/?(?:i|b|sup|sub|sc|code|span|p)(?:\s[^>]*)?>/g;

/**
 * A `MacroDecoder` that asks the parser once per distinct command and remembers the answer
 * (keep one decoder for all loads, so a reload asks nothing new). After `maxCommands`
 * distinct commands it answers `undefined` (the command is kept as written): the parser takes
 * a few milliseconds a command, and a hand-written library of arXiv abstracts holds hundreds
 * of authors' own macros (`\ours`, `\method`) that it does not know either.
 */
export function macroDecoderFrom(parser: BibtexParserModule, maxCommands = 200): MacroDecoder {
  const answers = new Map<string, string | undefined>();
  return (tex) => {
    if (answers.has(tex)) return answers.get(tex);
    let answer: string | undefined;
    if (answers.size < maxCommands) {
      try {
        const library = parser.parse(`@misc{x, note = {${tex}}}`, {
          sentenceCase: false,
          english: false,
          unsupported: (_node, raw) => raw,
        });
        const value = library.entries[0]?.fields.note;
        // A backslash left in the answer means the parser did not know the command either.
        if (!library.errors.length && typeof value === 'string' && !value.includes('\\')) answer = value.replace(MARKUP, '');
      } catch {
        answer = undefined;
      }
    }
    answers.set(tex, answer);
    return answer;
  };
}
